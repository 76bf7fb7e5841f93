"""The results table (Markdown, to paste into a README) and the target checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MIB = 1024 * 1024
#: Above this share of the machine's CPU used by other processes, a figure is suspect.
BUSY_SHARE = 0.05

#: (name, the target as shown, the test of the measured ratio)
TARGETS: tuple[tuple[str, str, Callable[[float], bool]], ...] = (
    ("newslint --jobs 1 vs floor", "≥ 0.333 (a third of the floor)", lambda v: v >= 1 / 3),
    ("newslint --jobs 1 vs datatrove trio", "> 1.0 (faster)", lambda v: v > 1.0),
    ("newslint --jobs 2 vs --jobs 1", "≥ 1.70", lambda v: v >= 1.7),
    ("peak RSS, largest vs smallest memory corpus", "≤ 1.10 (within 10%)", lambda v: v <= 1.10),
)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its measured ratio, or None where a figure is missing."""
    jobs1, jobs2 = results.get("newslint_jobs1"), results.get("newslint_jobs2")
    floor, trio = results.get("floor"), results.get("datatrove")
    memory = results.get("memory") or []
    values = (
        jobs1["rate"] / floor["rate"] if jobs1 and floor else None,
        jobs1["rate"] / trio["rate"] if jobs1 and trio else None,
        jobs2["rate"] / jobs1["rate"] if jobs1 and jobs2 else None,
        memory[-1]["max_rss_bytes"] / memory[0]["max_rss_bytes"] if len(memory) > 1 else None,
    )
    # Single-process ratios again from CPU time, which other work on the machine disturbs
    # far less than wall time.
    by_cpu = (
        _per_cpu(jobs1) / _per_cpu(floor) if jobs1 and floor else None,
        _per_cpu(jobs1) / _per_cpu(trio) if jobs1 and trio else None,
        None,
        None,
    )
    checks = []
    for (name, target, test), value, cpu in zip(TARGETS, values, by_cpu, strict=True):
        met = None if value is None else bool(test(value))
        checks.append(
            {"name": name, "measured": value, "by_cpu_time": cpu, "target": target, "met": met}
        )
    if len(memory) > 1:
        checks[-1]["name"] = (
            f"peak RSS {_count(memory[-1]['articles'])} vs {_count(memory[0]['articles'])}"
            f" (--jobs {memory[0]['jobs']})"
        )
    return checks


def _per_cpu(run: dict[str, Any]) -> float:
    """Articles per CPU-second of the whole child (for the floor, its interpreter's
    start-up is included: a few hundredths of a second)."""
    return float(run["articles"]) / float(run["cpu_seconds"])


def table(results: dict[str, Any]) -> str:
    floor = results.get("floor") or {}
    lines = [
        _heading(results),
        "",
        "| measurement | articles | wall s | articles/s | vs floor | CPU s | others' CPU"
        " | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    floor_rate = floor.get("rate")
    if floor:
        lines.append(
            _row(
                f"floor: read + orjson + re `{floor['pattern']}` (in-process time)",
                floor["articles"],
                floor["seconds"],
                floor_rate,
                floor_rate,
                {**floor, "max_rss_bytes": None},
            )
        )
    for key, label in (
        ("newslint_jobs1", "newslint check --jobs 1"),
        ("newslint_jobs2", "newslint check --jobs 2"),
    ):
        run = results.get(key)
        if run:
            lines.append(
                _row(label, run["articles"], run["wall_seconds"], run["rate"], floor_rate, run)
            )
    trio = results.get("datatrove")
    if trio:
        label = "datatrove Gopher rep. + Gopher quality + FineWeb quality, 1 process"
        lines.append(
            _row(label, trio["articles"], trio["wall_seconds"], trio["rate"], floor_rate, trio)
        )
    for key, label in (
        ("startup", "newslint check start-up: empty file"),
        ("startup_one_article", "newslint check start-up: one article"),
    ):
        startup = results.get(key)
        if startup:
            articles, seconds = startup["articles"], startup["seconds"]
            lines.append(_row(label, articles, seconds, None, None, startup))
    for entry in results.get("memory") or []:
        label = f"newslint --jobs {entry['jobs']}, memory"
        if entry.get("reused_from"):
            label += f" (the {entry['reused_from']} run)"
        lines.append(
            _row(label, entry["articles"], entry["wall_seconds"], entry["rate"], floor_rate, entry)
        )
    lines += [
        "",
        "| target | measured | by CPU time | target | met |",
        "|---|---:|---:|---|---|",
    ]
    for check in results.get("targets") or []:
        value, cpu = (
            "–" if check.get(key) is None else f"{check[key]:.3f}"
            for key in ("measured", "by_cpu_time")
        )
        met = {True: "yes", False: "**no**", None: "n/a"}[check["met"]]
        lines.append(f"| {check['name']} | {value} | {cpu} | {check['target']} | {met} |")
    lines += ["", *_notes(results)]
    return "\n".join(lines)


def _notes(results: dict[str, Any]) -> list[str]:
    corpus, meta = results["corpus"], results["meta"]
    notes = [
        f"Corpus: {_count(corpus['articles'])} articles ({corpus['bytes'] / MIB:,.0f} MiB), "
        f"{corpus['distinct']} distinct texts of {corpus['source']} repeated with new ids. "
        "Rates are articles / wall time of the whole command, start-up included, "
        "except the floor's (in-process). CPU s: user + system time of the command and "
        "its workers. Others' CPU: the share of the machine's CPU time used by other "
        "processes meanwhile (above a few % the figure is disturbed). Peak RSS: the largest "
        "single process (kernel ru_maxrss); with workers, in brackets, the sampled total of the "
        "process tree (PSS: pages the workers share with the parent counted once).",
    ]
    jobs1 = results.get("newslint_jobs1") or {}
    if "output_identical_to_jobs2" in jobs1:
        same = "identical" if jobs1["output_identical_to_jobs2"] else "**different**"
        notes.append(
            f"Reports of --jobs 1 and --jobs 2: {same} ({_count(jobs1['findings'])} findings)."
        )
    busy = [run for run in _runs(results) if run.get("other_cpu_share", 0) > BUSY_SHARE]
    if busy:
        worst = max(run["other_cpu_share"] for run in busy)
        notes.append(
            f"**Warning:** other processes used up to {worst:.0%} of the machine's CPU "
            f"during {len(busy)} measurement(s): rerun on an idle machine to trust them."
        )
    for key, error in (results.get("errors") or {}).items():
        notes.append(f"**Failed:** {key}: {error.splitlines()[0] if error else ''}")
    if meta.get("source_changed_during_run"):
        notes.append("**Warning:** newslint's code or rules changed during the run.")
    return notes


def _runs(results: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("floor", "newslint_jobs1", "newslint_jobs2", "datatrove")
    return [results[k] for k in keys if results.get(k)] + list(results.get("memory") or [])


def _heading(results: dict[str, Any]) -> str:
    meta = results["meta"]
    parts = [
        f"newslint {meta.get('newslint_version')} ({_origin(meta)})",
        f"datatrove {meta['datatrove_version']}" if meta.get("datatrove_version") else "",
        f"Python {meta.get('python')}",
        f"{meta.get('cpus')} cores, {meta.get('cpu_model')}",
        meta.get("started", ""),
    ]
    return "### " + " · ".join(str(p) for p in parts if p)


def _origin(meta: dict[str, Any]) -> str:
    """The repository's commit for an editable install, else where the copy lives."""
    package, commit = meta.get("newslint_package"), meta.get("git_commit")
    if package and meta.get("repo") and not package.startswith(meta["repo"]):
        return f"installed copy in {package}"
    return str(commit)


def _row(
    label: str,
    articles: int,
    seconds: float,
    rate: float | None,
    floor_rate: float | None,
    run: dict[str, Any] | None,
) -> str:
    run = run or {}
    shown_rate = "–" if rate is None else f"{rate:,.0f}"
    ratio = "–" if rate is None or not floor_rate else f"{rate / floor_rate:.4f}"
    rss = f"{run['max_rss_bytes'] / MIB:,.0f}" if run.get("max_rss_bytes") else "–"
    if run.get("jobs", 1) > 1 and run.get("tree_rss_peak_bytes"):
        rss += f" ({run['tree_rss_peak_bytes'] / MIB:,.0f})"
    cpu = f"{run['cpu_seconds']:,.1f}" if "cpu_seconds" in run else "–"
    others = f"{run['other_cpu_share']:.0%}" if "other_cpu_share" in run else "–"
    cells = (label, _count(articles), f"{seconds:,.2f}", shown_rate, ratio, cpu, others, rss)
    return "| " + " | ".join(cells) + " |"


def _count(n: int) -> str:
    return f"{n:,}"
