"""Precision and recall on the labelled real articles of ../shared/corpus, measured by
the corpus's own score.py: the promise that newslint does not flag clean news."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not (CORPUS / "score.py").is_file():
        pytest.skip(f"{CORPUS} not found: shared/ must sit beside the repository")
    findings = tmp_path_factory.mktemp("corpus") / "findings.json"
    run = [
        sys.executable,
        "-m",
        "newslint",
        "check",
        str(CORPUS / "articles"),
        "--format",
        "json",
        "--exit-zero",
    ]
    with findings.open("w", encoding="utf-8") as out:
        subprocess.run(run, stdout=out, check=True)
    result = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), str(findings)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_false_positives_per_article_stay_below_five_hundredths(score):
    match = re.search(r"false positives ([0-9.]+)/article", score)
    assert match, score
    assert float(match.group(1)) <= 0.05, score


def test_at_least_half_of_the_defect_lines_are_found(score):
    match = re.search(r"defect recall ([0-9.]+)%", score)
    assert match, score
    assert float(match.group(1)) >= 50.0, score
