"""What can go wrong that the user can act on. Every such error derives from
:class:`NewslintError`: the command line reports it as one line on stderr and exits
with code 2; the Python API raises it. Anything else that escapes is a bug."""

from __future__ import annotations


class NewslintError(Exception):
    """A problem with what the user asked or gave (flags, configuration, rule files,
    inputs or outputs that cannot be used), as opposed to a bug."""


class UsageError(NewslintError):
    """Flags that cannot be used together or as given (exit code 2)."""


class ConfigError(NewslintError):
    """A configuration file, setting or rule file that cannot be understood."""


class ServiceUnavailable(UsageError):
    """A plugin cannot do what the settings explicitly ask (a server that does not
    answer)."""
