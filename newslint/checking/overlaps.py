"""One defect, one finding: a block the structure view reports (B015, B016, B017, H006)
and a line rule of the same family on the same lines say the same thing twice.

The Checker calls :func:`one_finding_per_defect` on each document's findings, after the
suppressions (an inline ignore of a line has already taken the block of its family that
starts on that line: the line is the article's).

- A block whose every line carries a finding of its family, at least as severe, is
  left out: the line findings name the defect more precisely ("'Lire aussi': related
  link" rather than "navigation"), and fix the same lines.
- Otherwise the line findings of the family inside the block, no more severe than it,
  are left out: the block's fix deletes their lines too.
- A marker that says the text was cut (T004: a teaser's "... Read more", "Lire la
  suite") on a line inside a block is left out, whatever becomes of the block: the line
  is not the article, so the article was not cut there. The cuts found at the end of
  the text (T001-T003, T005, T006) stay: where the view places the article's last
  paragraph in a block, the block is the likelier mistake (on the cut articles of
  ``benchmarks/truncation_cuts.py``, 16 cuts in 4,021 would be lost).

So the count of fixable findings is the count of defects ``--fix`` repairs.
"""

from __future__ import annotations

from newslint.model.finding import Finding

#: The block rules of the structure view and the family whose line rules they overlap.
BLOCK_CODES = {"B015": "B", "B016": "B", "B017": "B", "H006": "H"}
#: The marker that the page's text is cut, which no block's line can show of the article.
CUT_MARKER = "T004"


def lines_of(finding: Finding) -> range:
    """The lines a finding covers (a span that ends at the start of a line does not
    cover that line)."""
    last = finding.end_line
    if last > finding.line and finding.end_column == 1:
        last -= 1
    return range(finding.line, max(finding.line, last) + 1)


def _within(finding: Finding, covered: range) -> bool:
    return finding.line in covered and lines_of(finding).stop <= covered.stop


def one_finding_per_defect(findings: list[Finding]) -> list[Finding]:
    """``findings`` of one document without the doubles described above."""
    blocks = [f for f in findings if f.code in BLOCK_CODES]
    if not blocks or len(blocks) == len(findings):
        return findings
    dropped: set[int] = set()
    for block in blocks:
        family = BLOCK_CODES[block.code]
        covered = lines_of(block)
        dropped.update(
            id(finding)
            for finding in findings
            if finding.code == CUT_MARKER and _within(finding, covered)
        )
        inside = [
            index
            for index, finding in enumerate(findings)
            if finding.code not in BLOCK_CODES
            and finding.code.startswith(family)
            and _within(finding, covered)
        ]
        if not inside:
            continue
        lines = {line for index in inside for line in lines_of(findings[index])}
        strong = all(block.severity <= findings[index].severity for index in inside)
        if strong and lines.issuperset(covered):
            dropped.add(id(block))
        else:
            dropped.update(
                id(findings[index])
                for index in inside
                if findings[index].severity <= block.severity
            )
    return [finding for finding in findings if id(finding) not in dropped]
