"""Coverage-guided fuzzing of newslint with atheris (see fuzz/README.md).

The first byte of an input says what the rest is:

- ``R``: a YAML rule file. It must load or be refused with a RuleFileError; a rule that
  loads is run over a real article (X003, a pattern stopped by its time limit, is fine;
  X900, a crash, is not).
- ``C``: a ``newslint.yaml`` config file. It must give settings or a ConfigError; the
  settings must then select rules and check their options without any other error.
- anything else: an article, run twice: as the bytes of a plain text file (the text
  reader's decoding) and as one JSON Lines record; every rule runs, then every fix.

The target fails when an exception escapes, when a rule crashes (an X900 finding), when a
finding's span lies outside the text, or when a fix cannot be applied cleanly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml

    from newslint.checking.checker import checked_options
    from newslint.checking.engine import INTERNAL_ERROR_CODE, run_rule
    from newslint.config.safe_yaml import YamlLimitError, load_yaml
    from newslint.config.selection import Registry, RegistryError
    from newslint.config.settings import Settings, settings_from_mapping
    from newslint.declarative.kinds import PhraseIndex
    from newslint.declarative.loader import RuleFileError, build_rule
    from newslint.errors import ConfigError
    from newslint.fixing.edits import fix_text
    from newslint.io.readers.decoding import decode
    from newslint.io.readers.jsonl import _parse
    from newslint.model.document import Document
    from newslint.plugins import plugin_manager

SETTINGS = Settings(rule_timeout=0)  # the fuzzer has its own time limit per input
PM = plugin_manager(load_entry_points=False)
REGISTRY = Registry(r for batch in PM.hook.newslint_rules(settings=SETTINGS) for r in batch)
RULES = REGISTRY.enabled(SETTINGS)
ARTICLE = (Path(__file__).parent / "seeds" / "example.txt").read_text(encoding="utf-8")


def lint(document: Document) -> list:
    findings = PM.hook.newslint_check_document(document=document, rules=RULES, settings=SETTINGS)
    for finding in findings:
        if finding.code == INTERNAL_ERROR_CODE:
            raise AssertionError(finding.message)
        if not 0 <= finding.start <= finding.end <= len(document.text):
            raise AssertionError(f"span {finding.start}-{finding.end} outside the text: {finding}")
    return findings


def check(document: Document) -> None:
    lint(document)
    result = fix_text(
        document.text, lambda text: lint(Document(text, document.path, lang=document.lang)), True
    )
    assert isinstance(result.text, str)


def article(data: bytes) -> None:
    text, problems = decode(data)
    check(Document(text, "fuzz.txt", problems=tuple(problems)))
    check(_parse(data.replace(b"\n", b" "), "fuzz.jsonl", 1, SETTINGS))


def _yaml(data: bytes) -> tuple[object, object] | None:
    try:
        return load_yaml(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, YamlLimitError):
        return None  # refused with a clear message by the loaders


def rule_file(data: bytes) -> None:
    loaded = _yaml(data)
    if loaded is None:
        return
    try:
        rule = build_rule(Path("fuzz.yaml"), *loaded, PhraseIndex())
    except RuleFileError:
        return
    for text in (ARTICLE, data.decode("utf-8")):
        for finding in run_rule(Document(text, "fuzz.txt"), rule, Settings(rule_timeout=5)):
            if finding.code == INTERNAL_ERROR_CODE:
                raise AssertionError(finding.message)


def config_file(data: bytes) -> None:
    loaded = _yaml(data)
    if loaded is None or not isinstance(loaded[0], dict):
        return
    try:
        settings = settings_from_mapping(loaded[0], base=Path("."), source=Path("fuzz.yaml"))
        settings = checked_options(REGISTRY, settings)
        REGISTRY.enabled(settings)
    except (ConfigError, RegistryError):
        return


def test_one_input(data: bytes) -> None:
    kind, body = data[:1], data[1:]
    if kind == b"R":
        rule_file(body)
    elif kind == b"C":
        config_file(body)
    else:
        article(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
