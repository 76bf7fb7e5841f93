"""Coverage-guided fuzzing of newslint with atheris (see fuzz/README.md).

The first byte of an input says what the rest is:

- ``R``: a YAML rule file. It must load or be refused with a RuleFileError; a rule that
  loads is run over a real article (X003, a pattern stopped by its time limit, is fine;
  X900, a crash, is not).
- ``C``: a ``newslint.yaml`` config file. It must give settings or a ConfigError; the
  settings must then select rules and check their options without any other error.
- ``L``: what a client writes to ``newslint server``: the transport must read it
  without an exception (messages, or a parse error for each broken one, then the
  next message), and the dispatcher must hand every request to the protocol or answer
  it with an error, never both, never neither; its answers must be valid frames.
- ``F``: a findings file for ``newslint report --from``: it must give findings or a
  UsageError; the findings, joined with real articles, must make a page whose only
  scripts are its own (no markup of the input escapes into it).
- anything else: an article, run twice: as the bytes of a plain text file (the text
  reader's decoding) and as one JSON Lines record; every rule runs, then every fix.

The target fails when an exception escapes, when a rule crashes (an X900 finding), when a
finding's span lies outside the text, or when a fix cannot be applied cleanly.
"""

from __future__ import annotations

import functools
import io
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports():
    import yaml

    from newslint.checking.checker import Checker, checked_options
    from newslint.checking.engine import INTERNAL_ERROR_CODE, run_rule
    from newslint.cli.report import _from_findings
    from newslint.config.safe_yaml import YamlLimitError, load_yaml
    from newslint.config.selection import Registry
    from newslint.config.settings import Settings, settings_from_mapping
    from newslint.declarative.kinds import PhraseIndex
    from newslint.declarative.loader import RuleFileError, build_rule
    from newslint.errors import ConfigError, UsageError
    from newslint.fixing.edits import fix_text
    from newslint.io.readers.decoding import decode
    from newslint.io.readers.jsonl import parse_line
    from newslint.model.document import Document
    from newslint.report import page
    from newslint.report.aggregate import Aggregate, document_site
    from newslint.server.lsp import server as lsp_server
    from newslint.server.transport import Dispatcher, Malformed, read_messages

SETTINGS = Settings(rule_timeout=0)  # the fuzzer has its own time limit per input
CHECKER = Checker(SETTINGS, load_entry_points=False)
REGISTRY: Registry = CHECKER.registry
ARTICLE = (Path(__file__).parent / "seeds" / "example.txt").read_text(encoding="utf-8")


def lint(document: Document) -> list:
    findings = CHECKER.hook.newslint_check_document(
        document=document, rules=CHECKER.rules, settings=CHECKER.settings, checker=CHECKER
    )
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
    check(parse_line(data.replace(b"\n", b" "), "fuzz.jsonl", 1, SETTINGS))


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
    except ConfigError:  # RegistryError among them
        return


class _Recorder:
    """The server's protocol as far as the dispatcher goes: structures messages with
    pygls and the lsprotocol types, records what would be handled."""

    def __init__(self) -> None:
        self.handled: list[Any] = []

    def structure_message(self, data: dict[str, Any]) -> Any:
        return lsp_server.protocol.structure_message(data)

    def handle_message(self, message: Any) -> None:
        self.handled.append(message)


def _is_request(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and item.get("jsonrpc") == "2.0"
        and isinstance(item.get("method"), str)
        and "id" in item
        and item["method"] != "exit"
    )


def lsp_stream(data: bytes) -> None:
    items = list(read_messages(io.BytesIO(data)))
    out = io.BytesIO()
    recorder = _Recorder()
    dispatcher = Dispatcher(recorder, out, initialized=len(data) % 2 == 0)
    for item in items:
        handled, written = len(recorder.handled), out.tell()
        dispatcher.dispatch(item)
        answered = out.tell() > written
        passed = len(recorder.handled) > handled
        if _is_request(item) and answered == passed:
            raise AssertionError(f"request {'answered and handled' if passed else 'dropped'}")
        if isinstance(item, Malformed) and not answered:
            raise AssertionError(f"a broken message was not answered: {item}")
        if dispatcher.exit_code is not None:
            break
    for answer in read_messages(io.BytesIO(out.getvalue())):
        if not (isinstance(answer, dict) and "error" in answer and "id" in answer):
            raise AssertionError(f"not an error answer: {answer!r}")


def findings_file(data: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as findings:
        findings.write(data)
        findings.flush()
        try:
            groups = list(_from_findings(Path(findings.name), None))
        except UsageError:
            return
    report = Aggregate(examples_per_code=3)
    for stand_in, found in groups:
        document = Document(
            ARTICLE, stand_in.path, record=stand_in.record, record_number=stand_in.record_number
        )
        report.add(document, found, document_site(document))
    html = page.render(report, "fuzz", ["fuzz.jsonl"])
    own = _own_scripts()
    if html.count("<script") != own or html.lower().count("</script") != own:
        raise AssertionError("markup of the findings escaped into the page")


@functools.cache
def _own_scripts() -> int:
    """The scripts of a page without findings: the page's own (the charts' library, the
    findings to download, the page's code)."""
    return page.render(Aggregate(examples_per_code=3), "fuzz", []).count("<script")


def test_one_input(data: bytes) -> None:
    kind, body = data[:1], data[1:]
    if kind == b"R":
        rule_file(body)
    elif kind == b"C":
        config_file(body)
    elif kind == b"L":
        lsp_stream(body)
    elif kind == b"F":
        findings_file(body)
    else:
        article(data)


def main() -> None:
    page._vega_bundle = lambda: ""  # 900 KB of JavaScript the page embeds, the same each time
    # The transport logs each broken message it answers, and pygls each message it
    # cannot structure, with its traceback (the server filters that one out): noise here.
    logging.disable(logging.ERROR)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
