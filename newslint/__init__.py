"""newslint: a text-quality linter for scraped news articles.

The public API: :class:`Checker` to check texts and records from Python, and what
plugin authors need (``rule``, ``Option``, ``hookimpl``, the records). Everything else
is internal.
"""

from newslint.checking.checker import Checker
from newslint.markers import hookimpl
from newslint.model.document import Document, InputProblem, Line, Span
from newslint.model.finding import Edit, Finding, Fix, Severity, Violation
from newslint.model.options import Option
from newslint.model.rule import Rule, rule

__version__ = "0.1.0"

__all__ = [
    "Checker",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "InputProblem",
    "Line",
    "Option",
    "Rule",
    "Severity",
    "Span",
    "Violation",
    "__version__",
    "hookimpl",
    "rule",
]
