"""The report's charts, as Vega-Lite specifications built with altair."""

from __future__ import annotations

from typing import Any

import altair as alt

from newslint.model.rule import FAMILIES
from newslint.report.aggregate import HISTOGRAM_BUCKETS, Aggregate, bucket_label

WIDTH = 640


def family_of(code: str) -> str:
    letters = code.rstrip("0123456789")
    return f"{letters} {FAMILIES.get(letters, 'plugin rules')}"


def _data(rows: list[dict[str, Any]]) -> Any:
    """Inline data of a chart (altair's ``Data`` is untyped)."""
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def by_family(data: Aggregate) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for code, count in data.by_code.items():
        counts[family_of(code)] = counts.get(family_of(code), 0) + count
    rows = [{"family": family, "findings": n} for family, n in sorted(counts.items())]
    chart = (
        alt.Chart(_data(rows), title="Findings by family")
        .mark_bar()
        .encode(
            x=alt.X("findings:Q", title="findings"),
            y=alt.Y("family:N", sort="-x", title=None),
            color=alt.Color("family:N", legend=None),
            tooltip=["family:N", "findings:Q"],
        )
        .properties(width=WIDTH)
    )
    return dict(chart.to_dict())


def by_code(data: Aggregate) -> dict[str, Any]:
    rows = [
        {
            "code": code,
            "rule": data.rule_names.get(code, ""),
            "family": family_of(code),
            "findings": count,
        }
        for code, count in sorted(data.by_code.items())
    ]
    chart = (
        alt.Chart(_data(rows), title="Findings by code")
        .mark_bar()
        .encode(
            x=alt.X("findings:Q", title="findings"),
            y=alt.Y("code:N", sort="-x", title=None),
            color=alt.Color("family:N", title="family"),
            tooltip=["code:N", "rule:N", "findings:Q"],
        )
        .properties(width=WIDTH)
    )
    return dict(chart.to_dict())


def per_article(data: Aggregate) -> dict[str, Any]:
    bounds = [*HISTOGRAM_BUCKETS, -1]
    labels = [bucket_label(bound) for bound in bounds]
    rows = [{"findings": bucket_label(b), "articles": data.per_article.get(b, 0)} for b in bounds]
    chart = (
        alt.Chart(_data(rows), title="Findings per article")
        .mark_bar()
        .encode(
            x=alt.X("findings:O", sort=labels, title="findings in the article"),
            y=alt.Y("articles:Q", title="articles"),
            tooltip=["findings:O", "articles:Q"],
        )
        .properties(width=WIDTH, height=220)
    )
    return dict(chart.to_dict())
