"""A newslint run on Ray Data: the corpus read by ``CorpusDatasource``, checked (or
repaired) by ``map_batches`` on a pool of actors that each build the Checker once, and
written by newslint's datasinks, or streamed back to the caller in input order."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import ray
import ray.data
import ray.exceptions
from ray.data import ActorPoolStrategy

from newslint.checking.checker import Checker
from newslint.corpus.stage import corpus_rules
from newslint.corpus.thresholds import CorpusOptions
from newslint.errors import NewslintError
from newslint.fixing.clean import Rejecting
from newslint.io.arrow import findings_of
from newslint.model.finding import Finding, Severity
from newslint.running.ray.actors import CheckBatches, CleanBatches, Ledger
from newslint.running.ray.corpus import corpus_pass
from newslint.running.ray.datasource import actors_for, corpus_dataset
from newslint.running.ray.inputs import list_inputs
from newslint.running.ray.noise import without_core_noise
from newslint.running.ray.sinks import (
    FORMATS,
    CleanSink,
    FindingsSink,
    OutputError,
    check_empty,
    output_location,
)

#: Records per call of an actor: large enough that Ray's per-call cost is small, small
#: enough that a few batches keep every actor busy on a small corpus.
BATCH_DOCUMENTS = 256
#: Attempts at one batch before the run fails. Ray restarts an actor that died and runs
#: its batch again; from the second attempt on, the records are checked one by one and
#: a record that killed its worker gets an X900 finding (see ``actors.Ledger``), so this
#: bound is reached only when workers die for other reasons than a record.
ATTEMPTS = 10


class RunFailed(NewslintError, RuntimeError):
    """The run could not finish: Ray gave up on a batch (its worker kept dying...)."""


@dataclass
class Totals:
    """What a run counted: documents and findings, or records read, kept, rejected."""

    counts: Counter[str] = field(default_factory=Counter)
    #: paths that do not exist (the others were read)
    missing: tuple[str, ...] = ()

    @property
    def documents(self) -> int:
        return self.counts["documents"]

    def by_severity(self) -> Counter[Severity]:
        return Counter(
            {
                Severity(key.split(":", 1)[1]): n
                for key, n in self.counts.items()
                if key.startswith("severity:")
            }
        )

    def by_code(self) -> Counter[str]:
        return Counter(
            {key.split(":", 1)[1]: n for key, n in self.counts.items() if key.startswith("code:")}
        )


@contextlib.contextmanager
def session(
    address: str | None = None, cpus: int | None = None, quiet: bool = True
) -> Iterator[None]:
    """Ray for the block: the one this process is already connected to, else the
    cluster at ``address`` (or ``$RAY_ADDRESS``), else a new local Ray with ``cpus``
    CPUs, stopped at the end."""
    if ray.is_initialized():
        with without_core_noise():
            yield
        return
    # Ray reports usage statistics to its makers unless told not to: newslint does not
    # send anything anywhere unless its user asks (set RAY_USAGE_STATS_ENABLED=1 to).
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    data_logger = logging.getLogger("ray.data")
    data_logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    data_logger.addFilter(_not_about_cpus)
    ray.init(
        address=address,
        num_cpus=None if address else cpus,
        include_dashboard=False,
        logging_level=logging.ERROR if quiet else logging.WARNING,
        log_to_driver=not quiet,
    )
    try:
        with without_core_noise():
            yield
    finally:
        stop()


#: How long ``stop`` waits for ``ray.shutdown()``, before and after ending local Ray.
STOP_SECONDS = 30.0


def stop(timeout: float = STOP_SECONDS) -> bool:
    """``ray.shutdown()``, bounded. It can block for good on an RPC to a GCS server that
    never answers (seen with Ray 2.60, at the end of a run): after ``timeout`` seconds
    the Ray processes this process started are killed, which fails the RPC and lets the
    shutdown end. False when even that did not help; Ray's own shutdown at interpreter
    exit is then dropped, so that the program can still end."""
    finished = threading.Event()

    def shutdown() -> None:
        try:
            ray.shutdown()
        finally:
            finished.set()

    threading.Thread(target=shutdown, name="newslint-ray-shutdown", daemon=True).start()
    if finished.wait(timeout):
        return True
    for pid in _local_ray_processes():
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    if finished.wait(timeout):
        return True
    atexit.unregister(ray.shutdown)
    return False


def _local_ray_processes() -> list[int]:
    """The children of this process that run Ray (GCS server, raylet, monitors)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and b"ray" in command:
            found.append(int(entry.name))
    return found


def _not_about_cpus(record: logging.LogRecord) -> bool:
    # Ray Data warns that a job "will hang" when actors hold every CPU: newslint's read
    # and write tasks take none, so they still run.
    return "does not have any available CPUs" not in record.getMessage()


def _mapped(dataset: ray.data.Dataset, actor: type, run: Run, **arguments: Any) -> ray.data.Dataset:
    arguments.update(
        checker=arguments.get("checker", run.checker), ledger=run.ledger, facts=run.corpus_facts()
    )
    mapped: ray.data.Dataset = dataset.map_batches(
        actor,
        fn_constructor_kwargs={**arguments, "attempts": run.attempts},
        batch_size=BATCH_DOCUMENTS,
        batch_format="pyarrow",
        compute=ActorPoolStrategy(size=actors_for(run.jobs)),
        num_cpus=1,
        **run.actor_options,
    )
    return mapped


class Run:
    """One run: its inputs, its ledger actor, and what failed if it did not finish."""

    def __init__(
        self,
        checker: Checker,
        paths: Iterable[str],
        *,
        filesystem: pafs.FileSystem | None = None,
        jobs: int | None = None,
        progress: bool = False,
        attempts: int = ATTEMPTS,
        actor_options: dict[str, Any] | None = None,
    ) -> None:
        self.checker, self.jobs, self.progress = checker, jobs, progress
        self.attempts = attempts
        #: more arguments of ``map_batches`` for the checking actors (``runtime_env``,
        #: ``memory``, ``resources``...)
        self.actor_options = dict(actor_options or {})
        self.inputs = list_inputs(paths, filesystem)
        self.ledger: Any = None
        self._facts: list[Any] | None = None

    def __enter__(self) -> Run:
        self.ledger = ray.remote(Ledger).options(num_cpus=0).remote()
        return self

    def __exit__(self, *exc_info: object) -> None:
        ray.kill(self.ledger)

    def totals(self) -> Totals:
        counts = ray.get(self.ledger.totals.remote()) if self.inputs.files else {}
        return Totals(Counter(counts), self.inputs.missing)

    def corpus_facts(self) -> list[Any]:
        """The corpus stage on Ray, once per run: pass 1 extracts every record's features
        on the actors, the analysis runs here, and the table of facts goes to the object
        store, from which the checking actors set each document's facts (as ``newslint
        check`` does locally). ``[]`` when no corpus rule is enabled; else ``[ref]``."""
        if self._facts is None:
            self._facts = []
            enabled = corpus_rules(self.checker.rules)
            if enabled and self.inputs.files:
                settings = self.checker.settings
                with self.failures():
                    table = corpus_pass(
                        self.inputs,
                        settings,
                        CorpusOptions.from_rules(enabled, settings),
                        jobs=self.jobs,
                        progress=self.progress,
                        actor_options=self.actor_options,
                    )
                self._facts = [ray.put(table)]
        return self._facts

    def findings(self) -> ray.data.Dataset:
        """The findings, one per row (``findings.ROW_SCHEMA``), in input order."""
        corpus = corpus_dataset(self.inputs, self.checker.settings, self.progress)
        return _mapped(corpus, CheckBatches, self)

    def cleaned(self, rejecting: Rejecting, unsafe: bool, parquet: bool) -> ray.data.Dataset:
        checker = _keeping_records(self.checker)
        corpus = corpus_dataset(self.inputs, checker.settings, self.progress)
        return _mapped(
            corpus,
            CleanBatches,
            self,
            checker=checker,
            rejecting=rejecting,
            unsafe=unsafe,
            parquet=parquet,
        )

    @contextlib.contextmanager
    def failures(self) -> Iterator[None]:
        """Turns Ray's error when the run cannot finish into :class:`RunFailed`, saying
        which input was being checked."""
        try:
            yield
        except (ray.exceptions.RayError, ray.exceptions.UserCodeException) as exc:
            raise RunFailed(self._failure(exc)) from exc

    def _failure(self, exc: BaseException) -> str:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        try:
            unfinished = ray.get(self.ledger.unfinished.remote(), timeout=30)
        except ray.exceptions.RayError:
            unfinished = []
        if not unfinished:
            return f"the Ray run failed: {reason}"
        where, attempts = unfinished[0]
        return f"the Ray run failed on {where} (tried {attempts} times): {reason}"


def _keeping_records(checker: Checker) -> Checker:
    if checker.settings.keep_records:
        return checker
    settings = checker.settings.with_overrides(keep_records=True)
    return Checker(settings, blocked_plugins=checker.blocked_plugins, strict=False)


def check(
    checker: Checker,
    paths: Iterable[str],
    output: str,
    *,
    format: str = "jsonl",
    filesystem: pafs.FileSystem | None = None,
    jobs: int | None = None,
    progress: bool = False,
) -> Totals:
    """Check the corpus files of ``paths`` and write the findings into the folder
    ``output`` (see ``newslint.running.ray.sinks`` for the file names); returns what
    the run counted. Needs Ray: connect or start one first, e.g. with :func:`session`."""
    if format not in FORMATS:
        raise OutputError(f"unknown findings format {format!r} (expected jsonl or parquet)")
    fs, path = output_location(output, filesystem)
    check_empty(fs, path, output)
    with Run(checker, paths, filesystem=filesystem, jobs=jobs, progress=progress) as run:
        if not run.inputs.files:
            return run.totals()
        with run.failures():
            run.findings().write_datasink(
                FindingsSink(fs, path, format), ray_remote_args={"num_cpus": 0}
            )
        return run.totals()


def iter_findings(run: Run) -> Iterator[Finding]:
    """The findings of ``run``, streamed back to this process in input order, as
    ``newslint check --jobs 1`` reports them."""
    if not run.inputs.files:
        return
    with run.failures():
        for table in run.findings().iter_batches(batch_format="pyarrow", batch_size=None):
            yield from findings_of(table)


def clean(
    checker: Checker,
    paths: Iterable[str],
    output: str,
    rejected: str,
    *,
    reject_on: Severity = Severity.ERROR,
    drop_duplicates: bool = False,
    unsafe: bool = False,
    format: str = "jsonl",
    filesystem: pafs.FileSystem | None = None,
    jobs: int | None = None,
    progress: bool = False,
) -> Totals:
    """``newslint clean`` on Ray: repaired records into the folder ``output``, rejected
    ones with their findings (and, with ``drop_duplicates``, exact copies of earlier
    records) into ``rejected``; returns the counts (read, kept, rejected, repaired,
    fixes)."""
    if format not in FORMATS:
        raise OutputError(f"unknown records format {format!r} (expected jsonl or parquet)")
    fs, kept_path = output_location(output, filesystem)
    _, rejected_path = output_location(rejected, filesystem)
    if kept_path == rejected_path:
        raise OutputError("the output and rejected folders must differ")
    check_empty(fs, kept_path, output)
    check_empty(fs, rejected_path, rejected)
    with Run(checker, paths, filesystem=filesystem, jobs=jobs, progress=progress) as run:
        if not run.inputs.files:
            return run.totals()
        sink = CleanSink(fs, kept_path, rejected_path, format)
        with run.failures():
            rejecting = Rejecting(reject_on, duplicates=drop_duplicates)
            cleaned = run.cleaned(rejecting, unsafe, format == "parquet")
            cleaned.write_datasink(sink, ray_remote_args={"num_cpus": 0})
        return run.totals()
