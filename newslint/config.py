"""Settings: defaults, then ``newslint.yaml`` or ``[tool.newslint]`` (found from the
current folder upward), then command-line flags."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from newslint.finding import Severity

CONFIG_FILES = ("newslint.yaml", "newslint.yml", ".newslint.yaml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file or flag that cannot be understood."""


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a run; immutable so that worker processes can share it."""

    select: tuple[str, ...] = ()  # empty: every rule enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # code -> severity
    rule_paths: tuple[Path, ...] = ()  # extra folders of YAML rules
    language: str | None = None  # language assumed for documents that do not give one
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # code -> options
    fail_on: Severity = Severity.WARNING
    rule_timeout: float = 10.0  # seconds one rule may spend on one document (0: no limit)
    # Where a record's parts are in JSONL / Parquet / CSV input; dotted paths reach
    # into nested objects ("metadata.language"). None: the usual names are tried.
    text_field: str = "text"
    title_field: str | None = None
    id_field: str | None = None
    lang_field: str | None = None
    site_field: str | None = None  # the site of a record, for the C rules (default: URL host)
    input_format: str | None = None  # for standard input: text, jsonl or csv
    keep_records: bool = False  # readers attach each whole record (for `newslint clean`)
    # URL of a LanguageTool server for the G rules (e.g. http://127.0.0.1:8081); None:
    # $NEWSLINT_LANGUAGETOOL_URL, else language-tool-python manages a local server.
    languagetool: str | None = None
    # Words the G spelling rules accept (names, jargon of a newsroom).
    dictionary: tuple[str, ...] = ()

    config_path: Path | None = None

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` upward (a pyproject.toml counts only with
    a ``[tool.newslint]`` table)."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or "newslint" in _pyproject_table(candidate, {}):
                return candidate
    return None


def _pyproject_table(path: Path, default: dict[str, Any]) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    tool = data.get("tool", {})
    return {"newslint": tool["newslint"]} if "newslint" in tool else default


def load_settings(path: Path | None = None, cwd: Path | None = None) -> Settings:
    """Settings from ``path``, or from the nearest config file, or the defaults."""
    path = path or find_config((cwd or Path.cwd()).resolve())
    if path is None:
        return Settings()
    raw = _read_raw(path)
    return settings_from_mapping(raw, base=path.parent, source=path)


def _read_raw(path: Path) -> dict[str, Any]:
    if path.name == "pyproject.toml":
        return dict(_pyproject_table(path, {"newslint": {}})["newslint"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    return data


_KEYS = {f.name.replace("_", "-") for f in fields(Settings)} - {
    "config-path",
    "input-format",
    "keep-records",
}


def settings_from_mapping(raw: Mapping[str, Any], base: Path, source: Path | None) -> Settings:
    where = str(source) if source else "configuration"
    normalised = {str(k).replace("_", "-"): v for k, v in raw.items()}
    unknown = sorted(set(normalised) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}"
        )
    try:
        return Settings(
            select=_codes(normalised.get("select", ())),
            extend_select=_codes(normalised.get("extend-select", ())),
            ignore=_codes(normalised.get("ignore", ())),
            severity={
                str(c).upper(): Severity.parse(s)
                for c, s in dict(normalised.get("severity", {})).items()
            },
            rule_paths=tuple((base / p) for p in _list(normalised.get("rule-paths", ()))),
            language=normalised.get("language"),
            options={
                str(c).upper(): dict(o) for c, o in dict(normalised.get("options", {})).items()
            },
            fail_on=Severity.parse(normalised.get("fail-on", "warning")),
            rule_timeout=float(normalised.get("rule-timeout", 10.0)),
            text_field=str(normalised.get("text-field", "text")),
            title_field=_optional_str(normalised.get("title-field")),
            id_field=_optional_str(normalised.get("id-field")),
            lang_field=_optional_str(normalised.get("lang-field")),
            site_field=_optional_str(normalised.get("site-field")),
            languagetool=_optional_str(normalised.get("languagetool")),
            dictionary=tuple(_list(normalised.get("dictionary", ()))),
            config_path=source,
        )
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    raise TypeError(f"expected a list, got {value!r}")


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(code.upper() for code in _list(value))
