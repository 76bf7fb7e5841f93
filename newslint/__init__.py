"""newslint: a text-quality linter for scraped news articles.

The public API for plugin authors; everything else is internal.
"""

from newslint.document import Document, InputProblem, Line, Span
from newslint.finding import Edit, Finding, Fix, Severity, Violation
from newslint.plugins import hookimpl
from newslint.rule import Rule, rule

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "InputProblem",
    "Line",
    "Rule",
    "Severity",
    "Span",
    "Violation",
    "__version__",
    "hookimpl",
    "rule",
]
