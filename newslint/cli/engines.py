"""The execution engines the subcommands can run on, loaded when asked for: the Ray
subcommands need the ``ray`` extra (and import the command line's common parts, which
therefore cannot import them)."""

from __future__ import annotations

from types import ModuleType

from newslint.errors import UsageError


def ray_engine() -> ModuleType:
    """``newslint.cli.on_ray``, the subcommands on Ray (the ``ray`` extra)."""
    try:
        from newslint.cli import on_ray
    except ImportError as exc:
        raise UsageError(
            f"--engine ray needs the extra: pip install 'newslint[ray]' ({exc})"
        ) from None
    return on_ray
