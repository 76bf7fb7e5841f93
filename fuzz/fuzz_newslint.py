"""Coverage-guided fuzzing of newslint with atheris (see fuzz/README.md).

Each input is run twice: as the bytes of a plain text file (the text reader's decoding)
and as one JSON Lines record. Every rule runs on the result. The target fails when an
exception escapes, when a rule crashes (an X900 finding), when a finding's span lies
outside the text, or when a fix cannot be applied cleanly.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newslint.config import Settings
    from newslint.document import Document
    from newslint.engine import INTERNAL_ERROR_CODE
    from newslint.fixing import fix_text
    from newslint.plugins import plugin_manager
    from newslint.readers.decoding import decode
    from newslint.readers.jsonl import _parse
    from newslint.registry import Registry

SETTINGS = Settings(rule_timeout=0)  # the fuzzer has its own time limit per input
PM = plugin_manager(load_entry_points=False)
RULES = Registry(r for batch in PM.hook.newslint_rules(settings=SETTINGS) for r in batch).enabled(
    SETTINGS
)


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


def test_one_input(data: bytes) -> None:
    text, problems = decode(data)
    check(Document(text, "fuzz.txt", problems=tuple(problems)))
    check(_parse(data.replace(b"\n", b" "), "fuzz.jsonl", 1, SETTINGS))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
