"""The corpus stage of a run: finds what the corpus rules need to know about each
document (copies, near-copies, template and wire lines) and sets it on the document
(``Document.facts``) before the document is checked, wherever it is checked.

Inputs that can be read twice (regular files, a sequence of records) get two passes
(:mod:`newslint.corpus.two_pass`):
pass 1 extracts every article's features (in the run's executor), the analysis runs
between the passes, pass 2 sets the facts as the documents stream to the executor;
every fact is exact, whatever the order of the articles. Input that can be read once
(standard input, a stream of records) gets one pass (:mod:`newslint.corpus.onepass`).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newslint.config.selection import explicitly_selected
from newslint.corpus.thresholds import CorpusOptions
from newslint.errors import UsageError
from newslint.model.document import Document
from newslint.model.rule import Rule

if TYPE_CHECKING:
    from newslint.checking.interface import CheckerLike
    from newslint.running.executors import Executor
    from newslint.running.progress import Progress
    from newslint.running.sources import Sources

logger = logging.getLogger("newslint.corpus")


class Stage(Protocol):
    """Sets the facts of the corpus rules on the documents of a run, in order."""

    def attach(self, documents: Iterable[Document]) -> Iterator[Document]: ...

    def summary(self) -> str: ...

    def close(self) -> None: ...


def corpus_rules(rules: Iterable[Rule]) -> list[Rule]:
    return [rule for rule in rules if rule.scope == "corpus"]


def corpus_stage(
    checker: CheckerLike, sources: Sources, executor: Executor, *, progress: Progress | None = None
) -> Stage | None:
    """The stage the corpus rules of ``checker`` need on ``sources``, or None when no
    corpus rule is enabled or the sources are no corpus (one plain file): then the
    corpus rules are not run, and selecting one by name is a usage error."""
    enabled = corpus_rules(checker.rules)
    if not enabled:
        return None
    if not sources.is_corpus:
        refuse_corpus_rules(checker, "one document has no other articles to be compared with")
        return None
    options = CorpusOptions.from_rules(enabled, checker.settings)
    # Imported here: the analysis needs numpy, which a run without a corpus (one file,
    # the language server) never loads.
    if not sources.rereadable:
        from newslint.corpus.onepass import OnePass

        return OnePass(options)
    from newslint.corpus.two_pass import TwoPass

    return TwoPass.prepared(options, sources, executor, progress)


def refuse_corpus_rules(checker: CheckerLike, why: str) -> None:
    """A usage error when corpus rules are selected by name (``--select C``) where they
    cannot run; rules enabled by default are left out quietly there."""
    named = [
        r.code for r in corpus_rules(checker.rules) if explicitly_selected(r.code, checker.settings)
    ]
    if named:
        raise UsageError(
            f"{', '.join(named)} compare an article with the rest of its corpus; {why} "
            "(check a corpus: a JSONL, Parquet or CSV file, several files or a folder)"
        )


def tell(summary: str, quiet: bool) -> None:
    """What the corpus checks used: on a terminal (beside the progress bar), and always
    in the log (``logging``, logger ``newslint.corpus``), never in output CI reads."""
    logger.info(summary)
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        # Above the progress bar, which is still drawn: tqdm clears it and draws it again.
        tqdm.write(f"newslint: {summary}", file=sys.stderr)


def spill_folder() -> Path | None:
    folder = os.environ.get("NEWSLINT_SPILL_DIR")
    return Path(folder) if folder else None
