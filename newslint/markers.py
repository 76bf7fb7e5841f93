"""The markers of newslint's hooks: ``hookspec`` marks the specifications
(``hookspecs.py``), ``hookimpl`` the implementations (re-exported as
``newslint.hookimpl``). A module of their own that imports nothing of newslint, so that
any module can implement a hook without importing what the hooks are about."""

from __future__ import annotations

import pluggy

PROJECT = "newslint"

hookspec = pluggy.HookspecMarker(PROJECT)
#: Marks a plugin's hook implementations (``@hookimpl``).
hookimpl = pluggy.HookimplMarker(PROJECT)
