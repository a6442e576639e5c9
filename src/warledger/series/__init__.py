"""Reference series: official-style data sets read as figures of their source, and claims held
against them (``check``)."""
