"""Extraction at scale: a process pool on one machine (``local``) and dask.distributed beyond it.

``local`` needs nothing beyond the standard library; ``distributed`` and ``load`` need the
``scale`` extra (``pip install 'warledger[scale]'``) and are imported only when used.
"""
