"""Settings: defaults, then ``newslint.yaml`` or ``[tool.newslint]`` (found from the
current folder upward), then command-line flags."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newslint.config.safe_yaml import YamlLimitError, read_yaml
from newslint.errors import ConfigError
from newslint.model.finding import Severity
from newslint.model.language import check_tag
from newslint.model.options import Option, OptionError

CONFIG_FILES = ("newslint.yaml", "newslint.yml", ".newslint.yaml", "pyproject.toml")
#: Longest time budget a rule may be given on one document (``rule-timeout``), seconds.
MAX_RULE_TIMEOUT = 3600
#: Default size limit of one record or text file (``max-record-bytes``): 5 MB, some 50
#: times the longest news articles. Checking one record holds up to about 260 times its
#: size in memory in the worst shapes measured, 80 times for prose
#: (benchmarks/record_memory.py): a 5 MB record keeps a worker under 1.4 GB.
MAX_RECORD_BYTES = 5_000_000
#: The largest ``max-record-bytes`` accepted: a CSV field's limit, and far beyond what a
#: machine can check in memory.
MAX_RECORD_BYTES_LIMIT = 2**31 - 1
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a run; immutable so that worker processes can share it."""

    select: tuple[str, ...] = ()  # empty: every rule enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # (glob, codes) pairs: codes or prefixes ignored in the files a glob matches
    # (relative to the config file's folder, or a bare file name); see newslint.checking.suppression
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # code -> severity
    rule_paths: tuple[Path, ...] = ()  # extra folders of YAML rules
    language: str | None = None  # language assumed for documents that do not give one
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # code -> options
    fail_on: Severity = Severity.WARNING
    rule_timeout: float = 10.0  # seconds one rule may spend on one document
    #: a record (JSONL line, CSV field, text file) longer than this is not read: X001
    max_record_bytes: int = MAX_RECORD_BYTES
    # Where a record's parts are in JSONL / Parquet / CSV input; dotted paths reach
    # into nested objects ("metadata.language"). None: the usual names are tried.
    text_field: str = "text"
    title_field: str | None = None
    id_field: str | None = None
    lang_field: str | None = None
    site_field: str | None = None  # the site of a record, for the C rules (default: URL host)
    input_format: str | None = None  # for standard input: text, jsonl or csv
    keep_records: bool = False  # readers attach each whole record (for `newslint clean`)
    #: every YAML pattern matched by Python's regex engine, unscreened, as before the
    #: compiled core: the reference the parity tests compare the core with (API only)
    python_patterns: bool = False
    #: the settings plugins declare (``newslint_settings``, e.g. the G rules'
    #: ``languagetool``), by kebab-case name: as given until the Checker checks them
    #: against the declarations, then with every declared default filled in
    plugin_settings: Mapping[str, Any] = field(default_factory=dict)
    #: Inline suppression comments inside corpus records (JSONL, CSV, Parquet) count:
    #: off by default, so that scraped text cannot switch the linter off for itself.
    record_suppressions: bool = False

    config_path: Path | None = None

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def with_plugin_settings(self, **values: Any) -> Settings:
        """These settings with plugin settings set (``None`` values left out); names in
        snake_case or kebab-case."""
        given = {name.replace("_", "-"): v for name, v in values.items() if v is not None}
        return replace(self, plugin_settings={**self.plugin_settings, **given})

    def plugin_value(self, name: str) -> Any:
        """The value of the plugin setting ``name`` (kebab-case); KeyError when no plugin
        of the run declares it."""
        return self.plugin_settings[name]


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
    import tomllib  # here: a run without a pyproject.toml around never needs it

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
    import yaml  # here: a run without a YAML config file never needs PyYAML

    try:
        data, _ = read_yaml(path)
    except (OSError, yaml.YAMLError, UnicodeDecodeError, YamlLimitError) as exc:
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
    "plugin-settings",
    "python-patterns",
}


def settings_from_mapping(raw: Mapping[str, Any], base: Path, source: Path | None) -> Settings:
    """Settings from a parsed config file; every value is checked for its type, so that a
    mistake is a ConfigError naming the file and the key, not a crash later in the run.
    Keys newslint does not know are kept for the plugins that declare them, and checked
    when the Checker is built (:func:`checked_plugin_settings`)."""
    where = str(source) if source else "configuration"
    normalised = {str(k).replace("_", "-"): v for k, v in raw.items()}
    values: dict[str, Any] = {}
    for key, value in normalised.items():
        if key not in _KEYS:
            continue
        try:
            values[key.replace("-", "_")] = _PARSERS[key](value, base)
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{where}: {key}: {exc}") from None
    plugin = {key: value for key, value in normalised.items() if key not in _KEYS}
    return Settings(**values, plugin_settings=plugin, config_path=source)


def checked_plugin_settings(settings: Settings, declared: Mapping[str, Option]) -> Settings:
    """``settings`` with its plugin settings checked against the plugins' declarations
    and every declared default filled in; a ConfigError names an unknown key (with the
    known ones) or a value a plugin does not accept."""
    where = str(settings.config_path) if settings.config_path else "configuration"
    unknown = sorted(set(settings.plugin_settings) - set(declared))
    if unknown:
        known = ", ".join(sorted(_KEYS | set(declared)))
        close = difflib.get_close_matches(unknown[0], [*_KEYS, *declared], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}{hint}; known: {known}")
    values = {}
    for name, option in declared.items():
        try:
            values[name] = option.check(settings.plugin_settings.get(name, option.default))
        except OptionError as exc:
            raise ConfigError(f"{where}: {name}: {exc}") from None
    return replace(settings, plugin_settings=values)


def _str(value: Any, base: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected a non-empty string, got {value!r}")
    return value


def _optional(parse: Any) -> Any:
    return lambda value, base: None if value is None else parse(value, base)


def _language(value: Any, base: Path) -> str:
    return language_tag(_str(value, base))


def language_tag(value: str) -> str:
    """A language tag as newslint uses it (``fr``, ``pt-BR`` -> ``pt``), or ValueError
    (also for a well-formed tag of a language newslint does not know, such as ``xx``)."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if not LANGUAGE_CODE.fullmatch(code):
        raise ValueError(f"{value!r} is not a language tag like fr, en or pt-BR")
    check_tag(value)
    return code


def _timeout(value: Any, base: Path) -> float:
    if type(value) not in (int, float) or not 0 < value <= MAX_RULE_TIMEOUT:
        raise ValueError(f"expected seconds, more than 0 and at most {MAX_RULE_TIMEOUT}: {value!r}")
    return float(value)


def _severity_map(value: Any, base: Path) -> dict[str, Severity]:
    return {_code(c): Severity.parse(s) for c, s in _mapping(value).items()}


def _options(value: Any, base: Path) -> dict[str, dict[str, Any]]:
    # Checked against each rule's declarations once the rules are known (newslint.checking.checker).
    return {_code(c): dict(_mapping(o)) for c, o in _mapping(value).items()}


def _per_file_ignores(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a mapping of glob to codes, got {value!r}")
    return tuple((str(glob), _codes(codes)) for glob, codes in value.items())


def _mapping(value: Any) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a mapping, got {value!r}")
    return value


def _code(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected a rule code, got {value!r}")
    return value.strip().upper()


_PARSERS: dict[str, Any] = {
    "select": lambda v, b: _codes(v),
    "extend-select": lambda v, b: _codes(v),
    "ignore": lambda v, b: _codes(v),
    "per-file-ignores": lambda v, b: _per_file_ignores(v),
    "severity": _severity_map,
    "rule-paths": lambda v, b: tuple(b / p for p in _list(v)),
    "language": _optional(_language),
    "options": _options,
    "fail-on": lambda v, b: Severity.parse(v),
    "rule-timeout": _timeout,
    "max-record-bytes": lambda v, b: _whole_number(v, MAX_RECORD_BYTES_LIMIT),
    "text-field": _str,
    "title-field": _optional(_str),
    "id-field": _optional(_str),
    "lang-field": _optional(_str),
    "site-field": _optional(_str),
    "record-suppressions": lambda v, b: _bool(v),
}


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _whole_number(value: Any, maximum: int) -> int:
    if type(value) is not int or not 1 <= value <= maximum:
        raise ValueError(f"expected a whole number from 1 to {maximum:,}, got {value!r}")
    return value


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"expected a list of strings, got {value!r}")


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in _list(value))
