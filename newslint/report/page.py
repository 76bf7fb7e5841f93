"""The report page: one HTML file with its styles, data and the Vega JavaScript inside,
so that it opens anywhere, with no network."""

from __future__ import annotations

import json
import re
from html import escape

from newslint import __version__
from newslint.report import charts
from newslint.report.aggregate import Aggregate, Example

_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1000px;
       color: #1d2330; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #dde; }
.sub { color: #667; margin-top: 0; }
#totals { display: flex; flex-wrap: wrap; gap: .8em; margin: 1.2em 0; padding: 0; }
#totals div { background: #f3f5fa; border-radius: 6px; padding: .6em 1em; min-width: 8em; }
#totals dt { color: #667; font-size: .85em; } #totals dd { margin: 0; font-size: 1.5em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid #e6e8ef; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
th.sortable { cursor: pointer; user-select: none; } th.sortable::after { content: " ⇅"; color: #99a; }
.example { border-left: 3px solid #c8cde0; margin: .8em 0; padding: .3em .8em; background: #fafbfd; }
.example .where { font-family: ui-monospace, monospace; font-size: .85em; color: #445; }
.example .context { white-space: pre-wrap; font-family: Georgia, serif; color: #556; margin: .2em 0; }
.example .line { white-space: pre-wrap; font-family: Georgia, serif; margin: .2em 0; }
mark { background: #ffd54f; padding: 0 .1em; }
.muted { color: #889; }
.scroll { max-height: 28em; overflow-y: auto; border: 1px solid #e6e8ef; }
.scroll thead th { position: sticky; top: 0; background: #fff; }
"""

SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th.sortable").forEach(function (th, column) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var index = th.cellIndex;
      var down = th.dataset.order !== "desc";
      rows.sort(function (a, b) {
        var x = parseFloat(a.cells[index].dataset.value);
        var y = parseFloat(b.cells[index].dataset.value);
        return down ? y - x : x - y;
      });
      th.dataset.order = down ? "desc" : "asc";
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def render(data: Aggregate, title: str, inputs: list[str]) -> str:
    """The whole page."""
    specs = {
        "chart-families": charts.by_family(data),
        "chart-codes": charts.by_code(data),
        "chart-per-article": charts.per_article(data),
    }
    sections = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(", ".join(inputs))} · newslint {__version__}</p>',
        _totals(data),
        "<h2>Findings by family and code</h2>",
        '<div id="chart-families"></div><div id="chart-codes"></div>',
        _codes_table(data),
        "<h2>By site</h2>",
        _sites(data),
        "<h2>Findings per article</h2>",
        '<div id="chart-per-article"></div>',
        "<h2>Duplicate clusters</h2>",
        _clusters(data),
        "<h2>Template lines per site</h2>",
        _templates(data),
        "<h2>Examples</h2>",
        _examples(data),
    ]
    return _PAGE.format(
        title=escape(title),
        style=STYLE,
        vega=_script(_vega_bundle()),
        body="\n".join(sections),
        specs=json.dumps(specs).replace("<", "\\u003c"),  # no markup inside the script
        sort=SORT_SCRIPT,
    )


def _vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one script, as altair inlines them."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return str(vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert()))


def _script(code: str) -> str:
    # No "</script" may close the element early; "<\/" means "</" in JS strings and regexes.
    return _SCRIPT_END.sub(r"<\\/\1", code)


def _totals(data: Aggregate) -> str:
    articles = f"{data.articles:,}" if data.articles_known else f"≥ {data.articles:,}"
    share = f"{data.flagged_share:.1%}" if data.articles_known else "—"
    cells = [
        ("articles", "Articles", articles, data.articles),
        ("findings", "Findings", f"{data.findings:,}", data.findings),
        ("error", "Errors", f"{data.by_severity['error']:,}", data.by_severity["error"]),
        ("warning", "Warnings", f"{data.by_severity['warning']:,}", data.by_severity["warning"]),
        ("info", "Info", f"{data.by_severity['info']:,}", data.by_severity["info"]),
        ("flagged-share", "Articles with a warning or error", share, data.flagged_share),
    ]
    items = "".join(
        f'<div><dt>{label}</dt><dd data-total="{key}" data-value="{value}">{text}</dd></div>'
        for key, label, text, value in cells
    )
    return f'<dl id="totals">{items}</dl>'


def _codes_table(data: Aggregate) -> str:
    rows = "".join(
        f"<tr><td>{escape(code)}</td><td>{escape(data.rule_names.get(code, ''))}</td>"
        f'<td class="n" data-code="{escape(code)}" data-value="{count}">{count:,}</td></tr>'
        for code, count in sorted(data.by_code.items(), key=lambda item: (-item[1], item[0]))
    )
    head = '<tr><th>code</th><th>rule</th><th class="n">findings</th></tr>'
    return f'<table id="codes"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _sites(data: Aggregate) -> str:
    ranked = sorted(data.sites.items(), key=lambda item: (-item[1].findings, item[0]))
    shown = ranked[:500]
    rows = []
    for site, stats in shown:
        per = stats.findings / stats.articles if stats.articles else 0.0
        rows.append(
            f"<tr><td>{escape(site)}</td>"
            f'<td class="n" data-value="{stats.articles}">{stats.articles:,}</td>'
            f'<td class="n" data-value="{stats.findings}">{stats.findings:,}</td>'
            f'<td class="n" data-value="{per:.6f}">{per:.2f}</td>'
            f'<td class="n" data-value="{stats.flagged}">{stats.flagged:,}</td></tr>'
        )
    head = (
        "<tr><th>site</th>"
        '<th class="n sortable">articles</th><th class="n sortable">findings</th>'
        '<th class="n sortable">findings per article</th>'
        '<th class="n sortable">articles with a warning</th></tr>'
    )
    note = ""
    if len(ranked) > len(shown):
        note = f'<p class="muted">The {len(shown)} sites with most findings of {len(ranked):,}.</p>'
    body = "".join(rows)
    table = f'<table id="sites" class="sortable"><thead>{head}</thead><tbody>{body}</tbody></table>'
    hint = '<p class="muted">Click a column head to sort by it.</p>'
    return f'{note}<div class="scroll">{table}</div>{hint}'


def _clusters(data: Aggregate) -> str:
    clusters = data.biggest_clusters()
    if not clusters:
        return '<p class="muted">No duplicate articles (C001, C002) were found.</p>'
    rows = "".join(
        f"<tr><td>{escape(c.earlier)}</td>"
        f'<td class="n">{c.size:,}</td><td class="n">{c.exact:,}</td><td class="n">{c.near:,}</td>'
        f"<td>{'<br>'.join(escape(m) for m in c.members)}"
        f"{' …' if c.size - 1 > len(c.members) else ''}</td></tr>"
        for c in clusters
    )
    head = (
        '<tr><th>first article</th><th class="n">articles</th><th class="n">exact copies</th>'
        '<th class="n">near copies</th><th>copies (first ones)</th></tr>'
    )
    return f'<table id="clusters"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _templates(data: Aggregate) -> str:
    rows = data.biggest_templates()
    if not rows:
        return '<p class="muted">No site template lines (C003) were found.</p>'
    body = "".join(
        f'<tr><td>{escape(site)}</td><td>{escape(line)}</td><td class="n">{count:,}</td></tr>'
        for site, line, count in rows
    )
    head = '<tr><th>site</th><th>line</th><th class="n">articles</th></tr>'
    return f'<table id="templates"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _examples(data: Aggregate) -> str:
    parts = []
    for code in sorted(data.examples):
        name = escape(data.rule_names.get(code, ""))
        parts.append(f'<h3 id="examples-{escape(code)}">{escape(code)} {name}</h3>')
        parts.extend(_example(example) for example in data.examples[code])
    return "\n".join(parts) or '<p class="muted">No findings.</p>'


def _example(example: Example) -> str:
    where = f"{escape(example.location)}: {escape(example.code)} {escape(example.message)}"
    context = "".join(f'<div class="context">{escape(line)}</div>' for line in example.before)
    for head, flagged, tail in example.lines:
        context += (
            f'<div class="line">{escape(head)}<mark>{escape(flagged)}</mark>{escape(tail)}</div>'
        )
    context += "".join(f'<div class="context">{escape(line)}</div>' for line in example.after)
    return f'<div class="example"><div class="where">{where}</div>{context}</div>'


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
<script>{vega}</script>
</head>
<body>
{body}
<script>
const specs = {specs};
for (const [id, spec] of Object.entries(specs)) {{
  vegaEmbed("#" + id, spec, {{actions: false, renderer: "svg"}}).catch(console.error);
}}
{sort}
</script>
</body>
</html>
"""
