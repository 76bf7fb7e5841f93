"""newslint on Ray Data (the ``ray`` extra): check or clean JSONL and Parquet corpora on
a Ray cluster, or on a local Ray started for the run.

    from newslint import Checker
    from newslint.running import ray as newslint_ray

    checker = Checker({"select": ["D", "T", "B"]})
    with newslint_ray.session():                       # local Ray; or session("ray://head:10001")
        totals = newslint_ray.check(checker, ["s3://bucket/corpus/"], "s3://bucket/findings/")
    print(totals.documents, totals.by_severity())

Findings are the same as ``newslint check --jobs 1`` gives on the same files (record
numbers included); ``newslint check --engine ray`` and ``newslint clean --engine ray``
run the same functions.
"""

from newslint.running.ray.inputs import InputError, Inputs, list_inputs
from newslint.running.ray.run import (
    Run,
    RunFailed,
    Totals,
    check,
    clean,
    iter_findings,
    session,
)
from newslint.running.ray.sinks import OutputError

__all__ = [
    "InputError",
    "Inputs",
    "OutputError",
    "Run",
    "RunFailed",
    "Totals",
    "check",
    "clean",
    "iter_findings",
    "list_inputs",
    "session",
]
