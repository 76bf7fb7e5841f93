"""Fixes: applying the edits rules attach to findings, writing fixed files back (``--fix``, ``--diff``), and writing a cleaned corpus (``newslint clean``)."""
