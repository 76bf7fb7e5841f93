"""What newslint says to a person: the one base of the errors that are the user's to fix
(a bad flag, config key, path or missing extra: exit code 2 with one line, never a
traceback; the Python API raises them), and the wording helpers every message shares
(plurals, "did you mean"). Anything else that escapes is a bug."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class NewslintError(Exception):
    """An error the user can fix: printed as ``newslint: error: MESSAGE``, exit code 2.
    Configuration, selection, baseline and usage errors all derive from it, so that a
    program calling newslint catches them with one ``except``."""


class UsageError(NewslintError):
    """Flags that cannot be used together or as given."""


class ConfigError(NewslintError):
    """A configuration file, setting or rule file that cannot be understood."""


class ServiceUnavailable(UsageError):
    """A plugin cannot do what the settings explicitly ask (a server that does not
    answer)."""


class MissingExtraError(UsageError):
    """A feature asked for needs an optional dependency that is not installed."""

    def __init__(self, feature: str, extra: str, cause: str = "") -> None:
        why = f" ({cause})" if cause else ""
        super().__init__(
            f"{feature} needs the [{extra}] extra{why}: pip install 'newslint[{extra}]'"
            f" (from a clone of newslint: pip install '.[{extra}]')"
        )
        self.extra = extra


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``1 file``, ``2 files``, ``1 entry``/``2 entries`` (give the plural when it is not
    the singular plus s)."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'X'?)`` for the closest known word, or nothing when none is as
    close as ``cutoff`` (difflib's ratio, 0 to 1)."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""
