"""``python -m newslint``."""

from newslint.cli.main import entry_point

entry_point()
