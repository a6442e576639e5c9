"""External suites (Recognizers-Text, quantulum3, NewsQuant), read from ../shared at run time."""
