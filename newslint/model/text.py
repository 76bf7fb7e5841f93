"""Small text helpers shared by several rules (normalisation, word lists)."""

from __future__ import annotations

import re
import unicodedata

# Quote marks, which fold() drops.
_QUOTE_MARKS = "\"'“”„‟«»‹›‘’‚`´"

_LONE_CR = re.compile(r"\r(?!\n)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def lf_line_ends(text: str) -> str:
    """``text`` with each lone "\\r" (a line end in old Mac files) made "\\n", so that
    regexes that know "\\n" (``^``/``$`` in MULTILINE mode) see every line; same
    length, so offsets are unchanged."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def fold(text: str) -> str:
    """Comparison form of a paragraph: NFC, casefolded, no quote marks, single spaces."""
    return fold_spacing(prefold(text))


def prefold(text: str) -> str:
    """:func:`fold` but for the spacing: ``fold(text) == fold_spacing(prefold(text))``.

    Every step is done character by character and none can cross a line break (NFC
    never composes across one), so prefolding a whole text and splitting it into lines
    gives the lines prefolded one by one. Line breaks are made "\\n", so
    ``prefold(text).split("\\n")`` is the lines of ``text`` (split at "\\r\\n", "\\r" or
    "\\n"), each prefolded.
    """
    # Line breaks first: a quote mark removed between a "\r" and a "\n" would make
    # one break ("\r\n") of two.
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    if not text.isascii():  # ASCII is NFC already
        text = unicodedata.normalize("NFC", text)
    # One str.replace per quote mark present is several times faster than a regex pass.
    # Quote marks go before casefolding (which neither makes nor changes one): a text
    # left in ASCII is casefolded much faster.
    for quote in _QUOTE_MARKS:
        if quote in text:
            text = text.replace(quote, "")
    return text.casefold()


def fold_spacing(text: str) -> str:
    """``text`` with its white space reduced to single spaces between words."""
    # The only white space that str.isprintable accepts is the space.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


#: Words after which a sentence cannot end: articles, prepositions, conjunctions.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the of to in on at by for with from into onto and or but nor as than that"
        " which whose whom who its their our your his her my if because while although"
        " whether about over under between among".split()
    ),
    "fr": frozenset(
        "le la les un une des du de d l à au aux et ou mais donc car ni que qu qui dont"
        " pour par sur sous dans avec sans chez vers entre ses son sa leur leurs notre nos"
        " votre vos ce cet cette ces lors selon".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einen einem einer eines und oder aber sondern"
        " denn dass weil wenn als ob mit von zu zur zum bei aus nach über unter für gegen"
        " ohne um durch sein seine ihre ihr".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas de del al a y o pero que quien cuyo con sin para"
        " por en sobre entre hacia desde su sus".split()
    ),
    "it": frozenset(
        "il lo la i gli le un uno una di del della dei degli delle a al alla ai agli alle"
        " e o ma che cui con per tra fra su in nel nella suo sua suoi".split()
    ),
    "pt": frozenset(
        "o a os as um uma uns umas de do da dos das e ou mas que cujo com sem para por em"
        " no na nos nas sobre entre seu sua seus suas ao aos".split()
    ),
}

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st sr jr rev gen col lt sgt capt gov sen rep pres inc ltd co corp
    vs etc al approx est dept univ assn bros no nos vol vols fig figs ed eds p pp ch sec
    art jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur fri sat sun
    am pm ave blvd rd mt ft hr hrs min mins sec secs oz lb lbs cf ca resp viz
    m mme mlle mm me mgr cie env av bd
    nr bzw ca evtl ggf inkl jh jhd usw vgl zb zt geb gest hrsg
    sra srta sres ud uds pág núm
    sig dott ecc pag
    tsp tbsp tbs cup cups kg km cm mm ml mg oz qt pt gal sq ft lb mio mrd tsd abs
    шт г кг мин см мл ч тыс млн млрд руб ул д т е др пр
    """.split()
)
