"""newslint as a batched ``datasets.Dataset.map`` function: adds the findings of each
record as columns, with fixed Arrow types.

    import datasets
    from newslint import Checker
    from newslint.integrations.datasets import NewslintColumns

    corpus = datasets.load_dataset("json", data_files="corpus.jsonl", split="train")
    annotated = corpus.with_format("arrow").map(
        NewslintColumns(Checker()), batched=True, batch_size=256, num_proc=4
    ).with_format(None)
    clean = annotated.filter(lambda row: row["newslint_worst"] != "error")

Columns added: ``newslint_findings`` (the fields of ``newslint check --format json``,
one struct per finding), ``newslint_worst`` (``"error"``, ``"warning"``, ``"info"`` or
None) and ``newslint_families`` (the family letters found, e.g. ``["B", "D"]``). Records
are read as JSONL records are (``--text-field``... of the settings), so the findings are
those of ``newslint check`` on the same file, less the path and record number.
"""

from __future__ import annotations

import pyarrow as pa

from newslint.checking.checker import Checker
from newslint.integrations.per_record import check_record, counts_by_family, for_records, worst
from newslint.io.arrow import FINDINGS_TYPE

__all__ = ["NewslintColumns"]

COLUMNS = pa.schema(
    [
        ("newslint_findings", FINDINGS_TYPE),
        ("newslint_worst", pa.string()),
        ("newslint_families", pa.list_(pa.string())),
    ]
)


class NewslintColumns:
    """The batch function: a ``pyarrow.Table`` of records in (``with_format("arrow")``),
    the same table with newslint's columns appended out. Picklable (``num_proc``): the
    Checker travels as its settings and is built again in each process."""

    def __init__(self, checker: Checker, source: str = "<datasets>") -> None:
        self.checker, self.source = for_records(checker), source

    def __call__(self, batch: pa.Table) -> pa.Table:
        findings, worsts, families = [], [], []
        for record in batch.to_pylist():
            found = check_record(self.checker, record, self.source)
            findings.append([f.to_dict() for f in found])
            severity = worst(found)
            worsts.append(severity.value if severity else None)
            families.append(list(counts_by_family(found)))
        for field, values in zip(COLUMNS, (findings, worsts, families), strict=True):
            batch = batch.append_column(field, pa.array(values, field.type))
        return batch
