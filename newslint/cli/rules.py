"""``newslint rules`` and ``newslint rule CODE``: the rules and their documentation."""

from __future__ import annotations

import json
from typing import Any, TextIO

from newslint.cli.common import (
    EXIT_CLEAN,
)
from newslint.config.selection import Registry
from newslint.errors import UsageError, did_you_mean
from newslint.model.rule import Rule


def list_rules(registry: Registry, out: TextIO, output_format: str = "text") -> int:
    """``newslint rules``: one line per rule, columns aligned, or a JSON list."""
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "languages": sorted(rule.languages) if rule.languages else None,
            "fixable": rule.fixable,
            "default_enabled": rule.default_enabled,
            "summary": rule.summary,
            **_python_path(rule),
        }
        for rule in registry
    ]
    if output_format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    table = [
        (
            row["code"],
            row["name"],
            row["severity"],
            ",".join(row["languages"]) if row["languages"] else "all",
            ("fix" if row["fixable"] else "") + ("" if row["default_enabled"] else " opt-in"),
            row["summary"] + _python_path_note(row),
        )
        for row in rows
    ]
    widths = [max((len(cells[i]) for cells in table), default=0) for i in range(5)]
    for cells in table:
        aligned = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False))
        out.write(f"{aligned}  {cells[5]}\n")
    return EXIT_CLEAN


def _python_path(rule: Rule) -> dict[str, Any]:
    """``python_path`` of a YAML rule: its patterns that the compiled core cannot match."""
    if rule.python_path is None:
        return {}
    entries = [{"pattern": p, "reason": reason} for p, reason in rule.python_path]
    return {"python_path": entries}


def _python_path_note(row: dict[str, Any]) -> str:
    count = len(row.get("python_path") or ())
    return f" [{count} pattern{'s' * (count != 1)} on the Python path]" if count else ""


def show_rule(registry: Registry, code: str, out: TextIO) -> int:
    rule = registry.lookup(code)
    if rule is None:
        known = [name for r in registry for name in (r.code, r.name)]
        raise UsageError(f"no rule {code!r}{did_you_mean(code, known)} (see `newslint rules`)")
    languages = ", ".join(sorted(rule.languages)) if rule.languages else "all"
    out.write(f"{rule.code} {rule.name}\n")
    fix = "yes" if rule.fixable else "no"
    out.write(f"severity: {rule.severity.value}   languages: {languages}   fix: {fix}\n")
    out.write(f"defined in: {rule.origin}\n")
    if rule.requires:
        needed = ", ".join(repr(s) for s in sorted(rule.requires))
        out.write(f"runs only on texts containing one of: {needed} (any case)\n")
    if rule.python_path:
        out.write("patterns matched on the Python path (the compiled core cannot match them):\n")
        for pattern, reason in rule.python_path:
            out.write(f"  {pattern}\n    {reason}\n")
    if rule.option_specs:
        out.write(f"options (set with `options: {{{rule.code}: {{name: value}}}}`):\n")
        for name, spec in rule.option_specs.items():
            out.write(f"  {name} = {spec.describe()}\n")
    out.write(f"\n{rule.doc}\n")
    return EXIT_CLEAN
