"""newslint: a text-quality linter for scraped news articles.

The public API: :class:`Checker` to check texts and records from Python, and what
plugin authors need (``rule``, ``Option``, ``hookimpl``, the records). Everything else
is internal.
"""

try:
    import newslint._core  # noqa: F401
except ModuleNotFoundError as missing:  # pragma: no cover - exercised in a subprocess
    # Most often: `python -m newslint` run inside a clone after a non-editable install,
    # where the sources shadow the installed package and its compiled core.
    raise ImportError(
        f"newslint's compiled core (newslint._core) is not built in {__path__[0]}: "
        "install with `pip install -e .` in this folder, or run newslint from another one"
    ) from missing

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
