"""Parallel checking: ``--jobs N`` gives the output of a single-process run, byte for
byte; ``run_parallel`` keeps input order, really uses worker processes past two chunks,
streams its input; a crashing plugin rule gives X900 for its documents only."""

from __future__ import annotations

import itertools
import json
import os
import pickle
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from newslint import Checker, Document, Violation, hookimpl, rule
from newslint.cli import main as cli
from newslint.running import workers
from newslint.running.work import Check, Repair
from newslint.running.workers import CHUNK_DOCUMENTS, CHUNKS_IN_FLIGHT_PER_JOB, run_parallel

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
SECOND = (
    "Le secrétaire d'État américain Antony Blinken et le ministre russe des Affaires "
    "étrangères Sergueï Lavrov se sont de nouveau entretenus au téléphone pour tenter de "
    "désamorcer une crise à haut risque."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
RECORDS = 5 * CHUNK_DOCUMENTS + 17  # more than two chunks: the pool is used
SELECT = "D001,H001,X"


@pytest.fixture(autouse=True)
def plugins(cli_plugins: dict[str, object]) -> dict[str, object]:
    """Built-in plugins plus those a test adds, in an empty temporary folder."""
    return cli_plugins


def article(n: int) -> str:
    if n % 7 == 0:
        return f"{LEAD} ({n})\n{HASHTAGS}\n{SECOND}\n"  # H001
    if n % 11 == 0:
        return f"{LEAD} ({n})\n{SECOND}\n{LEAD} ({n})\n"  # D001
    return f"{LEAD} ({n})\n{SECOND}\n"


def write_corpus(path: Path) -> None:
    """``RECORDS`` lines of JSONL; lines 150-155 are X001 problems of every kind, some
    records have no id."""
    lines = []
    for n in range(1, RECORDS + 1):
        record: dict[str, Any] = {"language": "fr", "text": article(n)}
        if n % 5:
            record["id"] = f"afp-{n:04d}"
        lines.append(json.dumps(record, ensure_ascii=False).encode())
    latin1 = json.dumps({"id": "afp-0154", "text": f"Sergueï Lavrov\n{HASHTAGS}\n"}).encode()
    lines[149:155] = [
        b'{"id": "afp-0150", "text": "Moscou d\xc3\xa9ment',
        b'["Moscou", "Kiev"]',
        json.dumps({"id": "afp-0152", "body": LEAD}).encode(),
        json.dumps({"id": "afp-0153", "text": [LEAD]}).encode(),
        latin1.replace(b"\\u00ef", b"\xef"),
        b"",
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pool_runs(monkeypatch) -> list[int]:
    """Counts the runs that used a pool of worker processes."""
    calls: list[int] = []
    real = workers._Pool.run

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(workers._Pool, "run", spy)
    return calls


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_1_and_jobs_2_give_byte_identical_output(capsys, pool_runs, fmt):
    write_corpus(Path("corpus.jsonl"))
    one = run(capsys, "--format", fmt, "--select", SELECT, "--jobs", "1", "corpus.jsonl")
    assert pool_runs == []
    two = run(capsys, "--format", fmt, "--select", SELECT, "--jobs", "2", "corpus.jsonl")
    assert pool_runs == [1]  # the second run used the worker pool
    assert two == one
    assert one[0] == 1


def test_the_parallel_corpus_has_findings_before_in_and_after_the_bad_records(capsys):
    write_corpus(Path("corpus.jsonl"))
    code, out, _ = run(capsys, "--format", "json", "--select", SELECT, "-j", "2", "corpus.jsonl")
    assert code == 1
    findings = json.loads(out)
    numbers = [f["record_number"] for f in findings]
    assert numbers == sorted(numbers)
    problems = [(f["record_number"], f["record"]) for f in findings if f["code"] == "X001"]
    assert problems == [
        (150, None),
        (151, None),
        (152, "afp-0152"),
        (153, "afp-0153"),
        (154, "afp-0154"),
    ]
    hashtags = {f["record_number"] for f in findings if f["code"] == "H001"}
    assert hashtags == {n for n in range(7, RECORDS + 1, 7) if not 150 <= n <= 155} | {154}
    repeats = {f["record_number"] for f in findings if f["code"] == "D001"}
    assert repeats == {n for n in range(11, RECORDS + 1, 11) if n % 7 and not 150 <= n <= 155}


def test_all_default_rules_give_the_same_output_with_jobs_2(capsys):
    write_corpus(Path("corpus.jsonl"))
    one = run(capsys, "--format", "jsonl", "-j", "1", "corpus.jsonl")
    two = run(capsys, "--format", "jsonl", "-j", "2", "corpus.jsonl")
    assert two == one
    assert len(one[1].splitlines()) > 50


# --- run_parallel


def documents(count: int, start: int = 1) -> list[Document]:
    return [
        Document(f"{SECOND} ({n})\n", "corpus.jsonl", record=f"r{n}", record_number=n, lang="fr")
        for n in range(start, start + count)
    ]


@rule(code="ZZP001", name="worker-pid", severity="info")
def worker_pid(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Says which process checked the document."""
    yield Violation(0, 0, f"{doc.record} checked by process {os.getpid()}")


@rule(code="ZZS001", name="slow-first-chunk", severity="info")
def slow_first_chunk(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Slow on the first chunk, so that later chunks are done first."""
    if (doc.record_number or 0) <= CHUNK_DOCUMENTS:
        time.sleep(0.003)
    yield Violation(0, 0, f"{doc.record}")


def checking(rules) -> Callable[[Document], list]:
    checker = Checker(load_entry_points=False)
    return lambda doc: checker.hook.newslint_check_document(
        document=doc, rules=rules, settings=checker.settings, checker=checker
    )


def check(docs, rules, jobs: int = 2) -> list[tuple[Document, list]]:
    return list(run_parallel(checking(rules), docs, jobs))


def test_run_parallel_uses_worker_processes_past_two_chunks():
    checked = check(documents(3 * CHUNK_DOCUMENTS), [worker_pid])
    pids = [int(findings[0].message.rsplit(" ", 1)[1]) for _, findings in checked]
    # The first chunk is checked before the fork, to load the rules' tables once.
    assert set(pids[:CHUNK_DOCUMENTS]) == {os.getpid()}
    assert os.getpid() not in pids[CHUNK_DOCUMENTS:]
    assert 1 <= len(set(pids[CHUNK_DOCUMENTS:])) <= 2


def test_run_parallel_checks_small_inputs_in_this_process():
    checked = check(documents(2 * CHUNK_DOCUMENTS - 1), [worker_pid])
    pids = {int(findings[0].message.rsplit(" ", 1)[1]) for _, findings in checked}
    assert pids == {os.getpid()}


def test_run_parallel_keeps_input_order_when_later_chunks_finish_first():
    docs = documents(6 * CHUNK_DOCUMENTS + 5)
    checked = check(docs, [slow_first_chunk])
    assert [d.record for d, _ in checked] == [d.record for d in docs]
    assert [[f.message for f in findings] for _, findings in checked] == [[d.record] for d in docs]
    assert all(f.record == d.record for d, findings in checked for f in findings)


def test_a_worker_sends_a_check_back_without_the_text_it_was_given():
    """The parent has each document's text: a check's result comes back without it
    (pickling every article back cost the parent a tenth of its time), and is rebuilt
    with the parent's own text, the same object."""
    docs = documents(3 * CHUNK_DOCUMENTS)
    checker = Checker({"select": ["D001", "H001"]}, load_entry_points=False)
    sent = workers._sent(docs[0], Check(checker)(docs[0]))
    assert docs[0].text.encode() not in pickle.dumps(sent)
    checked = list(run_parallel(Check(checker), docs, 2))
    assert [d for d, _ in checked] == docs
    assert all(result.text is d.text for d, result in checked)
    assert [r for _, r in checked] == [Check(checker)(d) for d in docs]


def test_a_worker_sends_a_repaired_text_back_whole():
    docs = [
        Document(f"{LEAD} ({n})\n{HASHTAGS}\n{SECOND}\n", "c.jsonl", record_number=n, lang="fr")
        for n in range(1, 3 * CHUNK_DOCUMENTS + 1)
    ]
    repair = Repair(Checker({"select": ["H001"]}, load_entry_points=False))
    repaired = list(run_parallel(repair, docs, 2))
    assert [result for _, result in repaired] == [repair(d) for d in docs]
    assert all(HASHTAGS not in result.text and result.applied for _, result in repaired)


def test_run_parallel_streams_its_input():
    produced = 0

    def lazily() -> Iterator[Document]:
        nonlocal produced
        for n in range(1, 100_001):
            produced += 1
            yield Document(f"{SECOND}\n", "corpus.jsonl", record_number=n, lang="fr")

    results = run_parallel(checking([worker_pid]), lazily(), 2)
    first = list(itertools.islice(results, 200))
    results.close()
    assert [d.record_number for d, _ in first] == list(range(1, 201))
    in_flight = 2 * CHUNKS_IN_FLIGHT_PER_JOB * CHUNK_DOCUMENTS
    assert produced <= 200 + in_flight + CHUNK_DOCUMENTS


# --- a crashing plugin rule


@rule(code="ZZC001", name="crash-on-troupes", severity="warning")
def crash_on_troupes(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Crashes on documents with a #troupes hashtag (a plugin bug)."""
    if "#troupes" in doc.text:
        raise ValueError(f"cannot handle {doc.record}")
    return iter(())


class CrashingPlugin:
    @hookimpl
    def newslint_rules(self, settings):
        return [crash_on_troupes]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashing_rule_gives_x900_for_those_documents_only(capsys, plugins, jobs):
    plugins["crashing"] = CrashingPlugin()
    write_corpus(Path("corpus.jsonl"))
    code, out, err = run(
        capsys, "--format", "json", "--select", f"{SELECT},ZZC", "-j", jobs, "corpus.jsonl"
    )
    assert (code, err) == (1, "")
    findings = json.loads(out)
    crashed = [f for f in findings if f["code"] == "X900"]
    hashtags = [f for f in findings if f["code"] == "H001"]
    assert [f["record_number"] for f in crashed] == [f["record_number"] for f in hashtags]
    assert len(crashed) > 10
    for finding in crashed:
        assert (finding["line"], finding["column"], finding["severity"]) == (1, 1, "error")
        assert finding["message"].startswith(
            f"rule ZZC001 (crash-on-troupes) crashed: ValueError: cannot handle {finding['record']} at "
        )
    # the other rules still ran on the documents where ZZC001 crashed
    assert {f["record_number"] for f in findings if f["code"] == "D001"}


def test_a_crashing_rule_gives_the_same_output_with_jobs_1_and_2(capsys, plugins):
    plugins["crashing"] = CrashingPlugin()
    write_corpus(Path("corpus.jsonl"))
    argv = ["--select", f"{SELECT},ZZC", "corpus.jsonl"]
    assert run(capsys, "-j", "2", *argv) == run(capsys, "-j", "1", *argv)


# --- process-wide state


def test_a_run_that_ends_early_leaves_nothing_to_the_next():
    """The work reaches the workers of each pool through its initializer: nothing is
    set in this process, so a run that fails or is abandoned cannot hand its work to the
    next run (the API, a language server)."""

    def fails_on_the_third_chunk(document: Document) -> int:
        if (document.record_number or 0) > 3 * CHUNK_DOCUMENTS:
            raise RuntimeError("stop")
        return document.record_number or 0

    docs = documents(5 * CHUNK_DOCUMENTS)
    with pytest.raises(RuntimeError, match="stop"):
        list(run_parallel(fails_on_the_third_chunk, docs, 2))
    assert workers._Worker.work is None
    results = run_parallel(lambda d: d.record_number, docs, 2)
    next(results)
    results.close()  # a reader that stops early (`| head`)
    assert workers._Worker.work is None
    assert [n for _, n in run_parallel(lambda d: -(d.record_number or 0), docs, 2)] == [
        -n for n in range(1, 5 * CHUNK_DOCUMENTS + 1)
    ]


def _host_alarm(signum: int, frame: object) -> None:
    """A host program's own SIGALRM handler."""


def test_the_rule_time_budget_gives_back_the_hosts_alarm_when_a_document_ends_early():
    import signal

    @rule(code="ZZB001", name="bad", severity="info")
    def bad(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        """Raises past the engine's crash isolation (a BaseException)."""
        raise KeyboardInterrupt

    checker = Checker(load_entry_points=False)
    previous = signal.signal(signal.SIGALRM, _host_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100.0)  # the host's own timer, running
        with pytest.raises(KeyboardInterrupt):
            checker.hook.newslint_check_document(
                document=documents(1)[0], rules=[bad], settings=checker.settings, checker=checker
            )
        assert not checker.budget.watching() and checker.budget._deadline == 0.0
        assert signal.getsignal(signal.SIGALRM) is _host_alarm
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < remaining <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ------------------------------------- two runs in one process share nothing


@rule(code="ZZR001", name="run-tag", severity="warning", options={"tag": "?"})
def run_tag(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Says which run checks the document (its ``tag`` option); kills its worker process
    on a document that asks for it by that tag."""
    import multiprocessing

    if f"KILL-{options['tag']}" in doc.text and multiprocessing.parent_process() is not None:
        os._exit(7)
    yield Violation(0, 1, f"run {options['tag']}")


def tagged_records(count: int) -> list[dict[str, str]]:
    # Two records of the last chunks kill the worker of run A: by then both runs have
    # their workers, and A's fresh workers must still get A's work, not B's.
    killers = {count - CHUNK_DOCUMENTS - 5, count - 3}
    return [
        {"id": f"r{n}", "lang": "en", "text": f"Record {n}." + (" KILL-A" if n in killers else "")}
        for n in range(1, count + 1)
    ]


def test_two_checkers_interleaved_with_a_worker_killed_keep_their_own_settings(plugins):
    from conftest import rules_plugin

    plugins["tags"] = rules_plugin(run_tag)
    records = tagged_records(6 * CHUNK_DOCUMENTS + 30)
    runs = {
        tag: Checker({"select": ["ZZR", "X"], "options": {"ZZR001": {"tag": tag}}})
        for tag in ("A", "B")
    }
    streams = {tag: checker.check_records(records, jobs=2) for tag, checker in runs.items()}
    seen = {"A": 0, "B": 0}
    for (record_a, found_a), (record_b, found_b) in zip(streams["A"], streams["B"], strict=True):
        assert record_a is record_b
        for tag, found in (("A", found_a), ("B", found_b)):
            seen[tag] += 1
            killer = tag == "A" and "KILL-A" in record_a["text"]
            expected = ["X900"] if killer else ["ZZR001"]
            assert [f.code for f in found] == expected, (tag, record_a["id"], found)
            if not killer:
                assert found[0].message == f"run {tag}", (tag, record_a["id"])
    assert seen == {"A": len(records), "B": len(records)}
