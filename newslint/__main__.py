"""``python -m newslint``."""

from newslint.cli import entry_point

entry_point()
