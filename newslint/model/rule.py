"""Rule record and the ``@rule`` decorator that turns a check function into a Rule."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from newslint.model.document import Document
from newslint.model.finding import Fix, Severity, Violation
from newslint.model.options import Option, declare

#: A check takes a document and the rule's options (defaults merged with config).
Check = Callable[[Document, Mapping[str, Any]], Iterable[Violation]]

#: What a rule looks at: one document, or one document among the others of a corpus
#: (it reads ``Document.facts``, which the corpus stage sets).
Scope = Literal["document", "corpus"]
SCOPES: tuple[Scope, ...] = ("document", "corpus")

CODE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{3}$")
#: Family letters of the built-in rules; third parties use prefixes of 2-3 letters.
FAMILIES = {
    "D": "duplication",
    "T": "truncation",
    "M": "mistranslation and garbling",
    "H": "hashtags and social residue",
    "B": "boilerplate",
    "E": "encoding and markup",
    "Q": "quotes and typography",
    "G": "grammar and spelling",
    "C": "corpus-wide",
    "X": "input problems",
}


@dataclass(frozen=True)
class Rule:
    """One check with its stable code, kebab-case name, default severity and docs."""

    code: str
    name: str
    severity: Severity
    check: Check
    doc: str
    languages: frozenset[str] | None = None  # None: every language
    #: option name -> default (given as plain defaults or :class:`Option` declarations)
    options: Mapping[str, Any] = field(default_factory=dict)
    fixable: bool = False
    default_enabled: bool = True
    origin: str = ""  # module or YAML file that defines the rule
    #: strings one of which a text must contain (compared casefolded) for the rule to find
    #: anything in it; the engine skips the rule on other documents. None: always run.
    requires: frozenset[str] | None = None
    #: "corpus": the rule judges a document against the rest of its corpus, from the facts
    #: the corpus stage sets on it; it runs only where a corpus is read (see ``Run``)
    scope: Scope = "document"
    #: strings whose presence the check asks the prefilter about (``prefilter.present_in``):
    #: the Checker looks for them with the ``requires`` of every rule, in one pass
    literals: frozenset[str] = frozenset()
    #: a YAML rule's patterns that the compiled core cannot match, with the reason each:
    #: they run on the Python path (None: not a YAML rule)
    python_path: tuple[tuple[str, str], ...] | None = None
    #: what each option accepts (type, range), from the declarations in ``options``
    option_specs: Mapping[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not CODE_PATTERN.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be 1-3 capital letters and 3 digits")
        if self.scope not in SCOPES:
            raise ValueError(f"rule {self.code}: scope must be one of {', '.join(SCOPES)}")
        object.__setattr__(self, "requires", casefolded_requirement(self.requires))
        specs = declare(self.options)
        object.__setattr__(self, "option_specs", specs)
        object.__setattr__(self, "options", {name: spec.default for name, spec in specs.items()})

    @property
    def summary(self) -> str:
        """The first sentence of the documentation, on one line."""
        return first_sentence(self.doc) or self.name

    def applies_to(self, language: str | None) -> bool:
        return self.languages is None or language is None or language in self.languages


def casefolded_requirement(literals: Iterable[str] | None) -> frozenset[str] | None:
    """``literals`` casefolded, as the literal prefilter compares them; None (no
    requirement: the rule always runs) stays None."""
    if literals is None:
        return None
    folded = frozenset(literal.casefold() for literal in literals)
    if not folded or "" in folded:
        raise ValueError("a requirement is one or more non-empty strings")
    return folded


def first_sentence(doc: str) -> str:
    """The first sentence of ``doc``'s first paragraph, its line breaks joined; a full
    stop inside brackets or quotes ("e.g.", "Photo: AFP.") does not end it."""
    paragraph = " ".join(doc.strip().split("\n\n")[0].split())
    depth, quoted = 0, False
    for index, char in enumerate(paragraph):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == '"':
            quoted = not quoted
        elif char in ".!?" and not depth and not quoted:
            rest = paragraph[index + 1 :]
            if rest.startswith(" ") and rest[1:2].isupper():
                return paragraph[: index + 1]
    return paragraph


def rule(
    *,
    code: str,
    name: str,
    severity: str,
    languages: Iterable[str] | None = None,
    options: Mapping[str, Any | Option] | None = None,
    fixable: bool = False,
    default_enabled: bool = True,
    requires: Iterable[str] | None = None,
    scope: Scope = "document",
    literals: Iterable[str] = (),
) -> Callable[[Check], Rule]:
    """Declare a Python rule; the function's docstring is its documentation.

    ``options``: name -> default, or an :class:`~newslint.model.options.Option` with a range;
    configured values are checked against them when the settings load.

    ``requires``: strings one of which every text the rule can flag contains (any case),
    e.g. ``("#",)`` for a hashtag rule. Documents without any are not given to the rule,
    which spares a call and a scan of the text per document; a wrong requirement hides
    findings, so give one only when it is certain.

    ``scope="corpus"``: the rule compares the document with the rest of a corpus, from
    ``doc.facts`` (:class:`newslint.model.facts.DocumentFacts`); it runs where a corpus
    is read, and selecting it where there is none (one plain file, the language server)
    is a usage error.

    ``literals``: strings whose presence the rule asks the literal prefilter about
    (``newslint.checking.prefilter.present_in``), found with every rule's ``requires``
    in the Checker's one pass per document.
    """

    def decorate(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=Severity.parse(severity),
            check=check,
            doc=inspect.cleandoc(check.__doc__ or ""),
            languages=frozenset(languages) if languages is not None else None,
            options=dict(options or {}),
            fixable=fixable,
            default_enabled=default_enabled,
            origin=check.__module__,
            requires=frozenset(requires) if requires is not None else None,
            scope=scope,
            literals=frozenset(literal.casefold() for literal in literals),
        )

    return decorate


def line_violation(doc: Document, number: int, message: str, fix_title: str) -> Violation:
    """A violation covering line ``number`` (1-based), with a safe fix deleting the line
    and its line break: the shape of every "this whole line is not article text" rule."""
    start, end = doc.line_span(number)
    delete_start, delete_end = doc.line_span(number, with_break=True)
    return Violation(start, end, message, Fix.delete(delete_start, delete_end, fix_title))
