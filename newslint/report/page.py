"""The report page: one HTML file with its styles, data and the Vega JavaScript inside,
so that it opens anywhere, with no network."""

from __future__ import annotations

import base64
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
#contents ol { columns: 2; margin: 0; } #contents h2 { font-size: 1.1em; border: 0; margin: 1em 0 .3em; }
.totals { display: flex; flex-wrap: wrap; gap: .8em; margin: 1.2em 0; padding: 0; }
.totals div { background: #f3f5fa; border-radius: 6px; padding: .6em 1em; min-width: 8em; }
.totals dt { color: #667; font-size: .85em; } .totals dd { margin: 0; font-size: 1.5em; font-weight: 600; }
a { color: #2a4fb0; } button { font: inherit; padding: .4em .9em; cursor: pointer; }
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
        ("section-codes", "Findings by family and code", _by_code(data)),
        ("section-sites", "By site", _sites(data)),
        ("section-per-article", "Findings per article", '<div id="chart-per-article"></div>'),
        ("section-clusters", "Duplicate clusters", _clusters(data)),
        ("section-templates", "Template lines per site", _templates(data)),
    ]
    if data.cleaning is not None:
        sections.insert(0, ("section-cleaning", "What clean removed", _cleaning(data)))
    sections += [
        ("examples", "Examples", _examples(data)),
        ("section-download", "Download the findings", _download(data)),
    ]
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(", ".join(inputs))} · newslint {__version__}</p>',
        _totals(data),
        _contents(sections),
        *(f'<section id="{key}"><h2>{name}</h2>\n{html}</section>' for key, name, html in sections),
    ]
    return _PAGE.format(
        title=escape(title),
        style=STYLE,
        vega=_script(_vega_bundle()),
        body="\n".join(body),
        specs=json.dumps(specs).replace("<", "\\u003c"),  # no markup inside the script
        sort=SORT_SCRIPT + FILTER_SCRIPT + DOWNLOAD_SCRIPT,
        findings=base64.b64encode(data.download.gzip()).decode("ascii"),
    )


def _contents(sections: list[tuple[str, str, str]]) -> str:
    items = "".join(f'<li><a href="#{key}">{name}</a></li>' for key, name, _ in sections)
    return f'<nav id="contents"><h2>Contents</h2><ol>{items}</ol></nav>'


def _by_code(data: Aggregate) -> str:
    charts_html = '<div id="chart-families"></div><div id="chart-codes"></div>'
    return charts_html + _codes_table(data)


def _vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one script, as altair inlines them."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    bundle = vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert())  # type: ignore[call-arg]
    return str(bundle)


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


def _code_link(data: Aggregate, code: str) -> str:
    """The code, linked to its examples when the page has some."""
    if data.examples.get(code):
        return f'<a href="#examples-{escape(code)}">{escape(code)}</a>'
    return escape(code)


def _codes_table(data: Aggregate) -> str:
    rows = []
    for code, count in sorted(data.by_code.items(), key=lambda item: (-item[1], item[0])):
        articles = data.articles_by_code[code]
        share = articles / data.articles if data.articles else 0.0
        shown = f"{share:.1%}" if data.articles_known else "—"
        rows.append(
            f"<tr><td>{_code_link(data, code)}</td>"
            f"<td>{escape(data.rule_names.get(code, ''))}</td>"
            f'<td class="n" data-code="{escape(code)}" data-value="{count}">{count:,}</td>'
            f'<td class="n" data-value="{articles}">{articles:,}</td>'
            f'<td class="n" data-share="{escape(code)}" data-value="{share:.6f}">{shown}</td>'
            "</tr>"
        )
    head = (
        '<tr><th>code</th><th>rule</th><th class="n sortable">findings</th>'
        '<th class="n sortable">articles</th><th class="n sortable">share of articles</th></tr>'
    )
    body = "".join(rows)
    return f'<table id="codes" class="sortable"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _sites(data: Aggregate) -> str:
    ranked = sorted(data.sites.items(), key=lambda item: (-item[1].findings, item[0]))
    shown = ranked[:500]
    rows = []
    for site, stats in shown:
        per = stats.findings / stats.articles if stats.articles else 0.0
        top = ", ".join(
            f"{_code_link(data, code)}&nbsp;{count:,}"
            for code, count in sorted(stats.codes.items(), key=lambda i: (-i[1], i[0]))[:4]
        )
        rows.append(
            f'<tr data-site="{escape(site)}">'
            f'<td><a href="#examples" class="site-link">{escape(site)}</a></td>'
            f'<td class="n" data-value="{stats.articles}">{stats.articles:,}</td>'
            f'<td class="n" data-value="{stats.findings}">{stats.findings:,}</td>'
            f'<td class="n" data-value="{per:.6f}">{per:.2f}</td>'
            f'<td class="n" data-value="{stats.flagged}">{stats.flagged:,}</td>'
            f"<td>{top}</td></tr>"
        )
    head = (
        "<tr><th>site</th>"
        '<th class="n sortable">articles</th><th class="n sortable">findings</th>'
        '<th class="n sortable">findings per article</th>'
        '<th class="n sortable">articles with a warning</th><th>most frequent codes</th></tr>'
    )
    note = ""
    if len(ranked) > len(shown):
        note = f'<p class="muted">The {len(shown)} sites with most findings of {len(ranked):,}.</p>'
    body = "".join(rows)
    table = f'<table id="sites" class="sortable"><thead>{head}</thead><tbody>{body}</tbody></table>'
    search = (
        '<p><label>Filter by site: <input id="site-filter" type="search" '
        'placeholder="part of a site name"></label> <span id="site-count" class="muted">'
        "</span></p>"
    )
    hint = (
        '<p class="muted">Click a column head to sort by it; click a site to see its '
        "examples alone (the filter applies to the examples too).</p>"
    )
    return f'{note}{search}<div class="scroll">{table}</div>{hint}'


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
    parts = [
        f'<p class="muted">Up to {data.examples_per_code} articles per code, drawn at random '
        f"(seed {data.seed}: the same corpus and seed give the same examples).</p>"
    ]
    for code in sorted(data.examples):
        name = escape(data.rule_names.get(code, ""))
        parts.append(
            f'<div class="examples" data-code="{escape(code)}">'
            f'<h3 id="examples-{escape(code)}">{escape(code)} {name}</h3>'
        )
        parts.extend(_example(example) for example in data.sorted_examples(code))
        parts.append("</div>")
    if len(parts) == 1:
        return '<p class="muted">No findings.</p>'
    return "\n".join(parts)


def _example(example: Example) -> str:
    where = f"{escape(example.location)}: {escape(example.code)} {escape(example.message)}"
    context = "".join(f'<div class="context">{escape(line)}</div>' for line in example.before)
    for head, flagged, tail in example.lines:
        context += (
            f'<div class="line">{escape(head)}<mark>{escape(flagged)}</mark>{escape(tail)}</div>'
        )
    context += "".join(f'<div class="context">{escape(line)}</div>' for line in example.after)
    site = f' data-site="{escape(example.site)}"'
    return f'<div class="example"{site}><div class="where">{where}</div>{context}</div>'


def _download(data: Aggregate) -> str:
    download = data.download
    total = download.count + download.left_out
    what = (
        f"all {download.count:,} findings"
        if not download.left_out
        else (
            f"the first {download.count:,} of {total:,} findings (the rest: "
            "<code>newslint check PATHS --format jsonl -o findings.jsonl</code>)"
        )
    )
    return (
        f'<p><button id="download-findings" type="button">Download {what}</button> as JSON '
        "Lines, one finding per line as <code>newslint check --format jsonl</code> writes "
        "them (the page holds them compressed).</p>"
    )


def _cleaning(data: Aggregate) -> str:
    cleaning = data.cleaning
    assert cleaning is not None
    cells = [
        ("records", "Records", f"{cleaning.records:,}", cleaning.records),
        ("repaired", "Repaired", f"{cleaning.repaired:,}", cleaning.repaired),
        ("rejected", "Rejected", f"{cleaning.rejected:,}", cleaning.rejected),
        ("removed", "Characters removed", f"{cleaning.removed:,}", cleaning.removed),
        (
            "removed-share",
            "Share of all characters",
            f"{cleaning.removed_share:.2%}",
            cleaning.removed_share,
        ),
    ]
    items = "".join(
        f'<div><dt>{label}</dt><dd data-cleaning="{key}" data-value="{value}">{text}</dd></div>'
        for key, label, text, value in cells
    )
    rows = "".join(
        f"<tr><td>{_code_link(data, code)}</td><td>{escape(data.rule_names.get(code, ''))}</td>"
        f'<td class="n">{cleaning.fixes[code]:,}</td>'
        f'<td class="n" data-removed="{escape(code)}" data-value="{removed}">{removed:,}</td></tr>'
        for code, removed in sorted(
            cleaning.removed_by_code.items(), key=lambda item: (-item[1], item[0])
        )
    )
    head = (
        '<tr><th>code</th><th>rule</th><th class="n">fixes applied</th>'
        '<th class="n">characters removed</th></tr>'
    )
    table = f'<table id="removed"><thead>{head}</thead><tbody>{rows}</tbody></table>'
    note = (
        '<p class="muted">Characters removed by the fixes applied, by code; the rest of the '
        "page shows the findings that remain after repair.</p>"
    )
    return f'<dl class="totals">{items}</dl>{table}{note}'


FILTER_SCRIPT = """
(function () {
  var input = document.getElementById("site-filter");
  if (!input) { return; }
  function apply() {
    var wanted = input.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("#sites tbody tr").forEach(function (row) {
      var match = !wanted || row.dataset.site.toLowerCase().indexOf(wanted) >= 0;
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    document.querySelectorAll(".example").forEach(function (example) {
      example.hidden = !!wanted && example.dataset.site.toLowerCase().indexOf(wanted) < 0;
    });
    document.querySelectorAll(".examples").forEach(function (group) {
      group.hidden = !group.querySelector(".example:not([hidden])");
    });
    document.getElementById("site-count").textContent =
      wanted ? shown + " site" + (shown === 1 ? "" : "s") : "";
  }
  input.addEventListener("input", apply);
  document.querySelectorAll("a.site-link").forEach(function (link) {
    link.addEventListener("click", function () {
      input.value = link.closest("tr").dataset.site;
      apply();
    });
  });
})();
"""

DOWNLOAD_SCRIPT = """
document.getElementById("download-findings").addEventListener("click", async function () {
  var base64 = document.getElementById("findings-gzip").textContent.trim();
  var binary = atob(base64);
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  var text = await new Response(stream).blob();
  var link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], {type: "application/x-ndjson"}));
  link.download = "newslint-findings.jsonl";
  document.body.appendChild(link);
  link.click();
  link.remove();
});
"""

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
<script type="application/gzip" id="findings-gzip">{findings}</script>
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
