"""YAML rule kinds: the phrase kind (all phrase rules matched in one pass) and the
pattern kind (regular expressions with a time bound), through the loader."""

from __future__ import annotations

from pathlib import Path

from newslint.checking.engine import run_rule
from newslint.config.settings import Settings
from newslint.declarative.kinds import PhraseIndex
from newslint.declarative.loader import load_rule_file
from newslint.model.document import Document

ARTICLE = (
    "Anthony Blinken a de nouveau appelé Moscou à la désescalade.\n"
    "Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU\n"
    "Il a promis de lire aussi les rapports de l'OTAN.\n"
)

RULE = """\
code: ZZB001
name: related-link
severity: warning
kind: {kind}
scope: line-start
message: "related-article link left in the body: '{{match}}'"
fix: delete-line
{entries}:
  fr: ["Lire aussi", "À lire aussi"]
  en: ["Read more:"]
doc: Teasers to other articles left in the body.
"""


def load(tmp_path: Path, kind: str):
    path = tmp_path / "related_link.yaml"
    path.write_text(RULE.format(kind=kind, entries=f"{kind}s"), encoding="utf-8")
    return load_rule_file(path, PhraseIndex())


def test_a_pattern_rule_flags_the_start_of_a_line_only(tmp_path):
    rule = load(tmp_path, "pattern")
    [finding] = run_rule(Document(ARTICLE, "a.txt", lang="fr"), rule, Settings())
    assert (finding.code, finding.line, finding.column) == ("ZZB001", 2, 1)
    assert finding.message == "related-article link left in the body: 'Lire aussi'"


def test_a_phrase_rule_flags_the_start_of_a_line_only(tmp_path):
    rule = load(tmp_path, "phrase")
    findings = run_rule(Document(ARTICLE, "a.txt", lang="fr"), rule, Settings())
    assert [(f.code, f.line, f.column) for f in findings] == [("ZZB001", 2, 1)]
