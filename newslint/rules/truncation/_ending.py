"""What the end of an article looks like, shared by the truncation rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.model import language
from newslint.model.document import Document, Paragraph
from newslint.model.text import FUNCTION_WORDS
from newslint.structure import Part, structure
from newslint.structure.function_words import function_words
from newslint.structure.markers import line_marker, tail_marker

#: cut-mid-sentence (T002) reports a last paragraph of at least this many words that
#: ends on a function word; a shorter one is left to T006, which asks the structure
#: view whether it is the article's.
CUT_MIN_WORDS = 6
#: A paragraph of fewer words after two without closing punctuation is a list item.
UNFINISHED_LIST_WORDS = 20
#: Characters that may close a finished article: terminal punctuation, closing quotes
#: and brackets, emoji and symbols are checked separately.
CLOSERS = set(".!?…\"'”’»)]›*")
_LAST_WORD = re.compile(r"([^\W\d_][^\W_]*)\W*$")


@dataclass(frozen=True)
class Ending:
    paragraph: Paragraph
    last_word: str
    last_word_start: int


def ending(doc: Document) -> Ending | None:
    """The last paragraph (as written: hard-wrapped lines joined) and its last word, if
    the text ends on a letter."""
    if not doc.paragraphs:
        return None
    return _ending_of(doc.reflowed_paragraphs[-1])


def _ending_of(last: Paragraph) -> Ending | None:
    stripped = last.text.rstrip()
    if not stripped or not stripped[-1].isalpha():
        return None
    # Only the tail can hold the last word: a 20 MB one-line article must stay cheap.
    tail_start = max(0, len(stripped) - 200)
    match = _LAST_WORD.search(stripped, tail_start)
    if match is None:
        return None
    return Ending(last, match.group(1), last.start + match.start(1))


#: A sentence ends inside a paragraph: ". " (or ! ? …, maybe after a closing quote)
#: followed by a capital or an opening quote.
_INNER_END = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“‘«(]?[^\W\d_a-zß-ÿ]")


def unfinished_prose(doc: Document, min_words: int) -> Ending | None:
    """The ending of a last paragraph that is plainly prose cut short: at least
    ``min_words`` words, several sentences (one ends inside it), running text in the
    article's language (its function words: newslint.structure), and it stops on a
    word in lower case, without closing punctuation (not a name, an acronym or a title:
    a credit "... Reuters", a title "... Uma Noite de Verão"), that is not a handle or
    an address."""
    end = ending(doc)
    if end is None:
        return None
    text = end.paragraph.text.strip()
    words = text.split()
    if len(words) < min_words or _INNER_END.search(text) is None:
        return None
    last = words[-1]
    if not last.islower():
        return None  # an agency, an acronym, a name or a title: a cut falls on a word
    if any(sign in last for sign in "./@#:_"):
        return None  # an address, a handle, a file name
    found = function_words(doc.language)
    if found is None:
        return None
    head = text[:400].lower().split()
    share = sum(map(found.words.__contains__, head)) / len(head)
    return end if share >= 0.5 * found.coverage else None


def body_cut(doc: Document) -> Ending | None:
    """The ending of the article body's last paragraph when it stops mid-sentence: the
    structure view places it last in the body, after other paragraphs or sentences of
    it, and it ends, without
    closing punctuation, on a word in lower case, or on one capitalised word after
    words in lower case ("... said the spokesman for D", "... sagte der Pr") rather
    than on a title, a name in a credit or an agency ("... the Associated Press",
    "Uma Noite de Verão", "PTI"). Addresses, handles, tags and credit lines are left
    alone."""
    end = ending(doc)
    if end is None:
        return None  # the text ends on punctuation: nothing is cut here
    found = structure(doc)
    if found is None or found.body is None:
        return None
    body = [n for n, part in zip(found.numbers, found.parts, strict=True) if part is Part.BODY]
    if not body:
        return None
    paragraph = next(p for p in reversed(doc.reflowed_paragraphs) if p.first <= body[-1])
    if paragraph.last != body[-1]:
        return None
    if body[0] >= paragraph.first and _INNER_END.search(paragraph.text) is None:
        return None  # the body is one sentence: a caption or a heading more than a cut
    if paragraph is not doc.reflowed_paragraphs[-1]:
        # Followed by more of the page: a cut when page furniture comes right after
        # ("Subscribe to read on"), not when a product box or a price does.
        after = found.numbers.index(paragraph.last) + 1
        if found.markers[after] is None:
            return None
        end = _ending_of(paragraph)
        if end is None:
            return None
    if _in_a_list(doc, paragraph):
        return None
    return end if _stops_mid_sentence(end, doc.language) else None


#: Scripts written without letter case, where a cut cannot be told by the case of the
#: last word and whose languages have no function-word list: Han, kana, Hangul.
_CASELESS_RANGES = (
    (0x1100, 0x11FF),  # Hangul jamo
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x31F0, 0x31FF),  # katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width katakana
    (0x20000, 0x3134F),  # CJK extensions B to G
)
#: A paragraph of at least this many characters is running text in these scripts (about
#: a sentence: Chinese and Japanese need no spaces, so words cannot be counted).
CASELESS_MIN_CHARS = 30
#: Paragraphs of that length, all closed, that make a one-sentence last one a cut.
CASELESS_CLOSED_RUN = 3
#: Sentence ends of these scripts, and of Korean, which ends sentences with ". ".
_CASELESS_INNER_END = re.compile(r"[。．！？]|[.!?](?=\s)")
#: What closes a finished paragraph in these scripts (with the Latin closers).
_CASELESS_CLOSERS = CLOSERS | set("。．！？」』）】〕〉》")
#: Commas no sentence ends on: a paragraph that stops on one was cut.
_COMMAS = "、，,"


def _caseless(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CASELESS_RANGES)


def caseless_cut(doc: Document) -> Ending | None:
    """The ending of a last paragraph in a script without letter case (Chinese,
    Japanese, Korean) that stops mid-sentence: running text (at least
    ``CASELESS_MIN_CHARS`` characters, mostly of the script, one sentence end inside it)
    that stops on a letter or a comma, in an article whose other paragraphs of that
    length mostly end on closing punctuation (so that it closes its paragraphs). A
    credit, an address or a copyright line is left alone. ``last_word``: the last few
    characters (there are no spaces to find a word by)."""
    if not doc.paragraphs or function_words(doc.language) is not None:
        return None  # the languages with function words: body_cut and unfinished_prose
    paragraphs = doc.reflowed_paragraphs
    last = paragraphs[-1]
    text = last.joined
    if len(text) < CASELESS_MIN_CHARS or not (text[-1].isalpha() or text[-1] in _COMMAS):
        return None
    if 2 * sum(map(_caseless, text)) < len(text):
        return None
    if any(sign in text for sign in ("@", "://", "www.", "©", "ⓒ")):
        return None  # a credit, an address, a copyright line
    others = [p.joined for p in paragraphs[:-1]]
    long_ones = [t for t in others if len(t) >= CASELESS_MIN_CHARS]
    closed = sum(t[-1] in _CASELESS_CLOSERS for t in long_ones)
    if 2 * closed < len(long_ones):
        return None  # an article that does not close its paragraphs: nothing to tell by
    # One sentence without its end may be a caption or a heading, unless the article
    # plainly closes every paragraph (Japanese paragraphs are often one sentence).
    always = len(long_ones) >= CASELESS_CLOSED_RUN and closed == len(long_ones)
    if not always and not _CASELESS_INNER_END.search(text[:-1]):
        return None
    stripped = last.text.rstrip()
    tail = len(stripped)
    while tail > 0 and tail > len(stripped) - _CASELESS_SHOWN and stripped[tail - 1].isalpha():
        tail -= 1
    shown = stripped[tail:] or stripped[-1]
    return Ending(last, shown, last.start + len(stripped) - len(shown))


#: Characters of a caseless cut the finding quotes.
_CASELESS_SHOWN = 6


def _in_a_list(doc: Document, paragraph: Paragraph) -> bool:
    """A short paragraph after two that end without punctuation: the last item of a
    list ("Orbit X2 chip with built-in Z5 sensor hub"), not a cut (a
    heading, a single paragraph without punctuation, comes before many cuts)."""
    if len(paragraph.text.split()) >= UNFINISHED_LIST_WORDS:
        return False
    paragraphs = doc.reflowed_paragraphs
    index = paragraphs.index(paragraph)
    if index < 2:
        return False
    return all(_open(paragraphs[i].text) for i in (index - 1, index - 2))


def _open(text: str) -> bool:
    """``text`` ends without closing punctuation."""
    text = text.rstrip()
    return bool(text) and text[-1] not in CLOSERS and text[-1] not in ".!?…:;,"


def _stops_mid_sentence(end: Ending, lang: str | None) -> bool:
    sentence = _last_sentence(end.paragraph.joined)
    if " " not in sentence.strip():
        return _one_word_cut(sentence.strip(), sentence != end.paragraph.joined, lang)
    if end.last_word.lower() in FUNCTION_WORDS.get(lang or "", ()) and "@" not in sentence:
        return True  # no sentence ends on "the", "de", "und" ("Decision day: The")
    if not plausible_cut(end, lang):
        return False
    words = sentence.split()
    if end.last_word.islower():
        return True
    if len(words) < 4 or not any(word.islower() for word in words[1:-1]):
        return False  # a heading, a title, a name
    if not end.last_word.istitle():
        return False  # an acronym or agency (PTI)
    # The capitalised words at the end (function words between them: "Uma Noite de
    # Verão"; a comma ends them: "during Carnival, the Sa"), the sentence's own first
    # word left out: one is a cut, more a title, unless the last is a stub no name
    # ends on ("... Hawks defenseman Tom K", "... the Central African R").
    small = FUNCTION_WORDS.get(lang or "", frozenset())
    capitalised = 0
    for word in reversed(words[1:]):
        if word[-1] in ",;:":
            break
        word = word.strip("\"'“”‘’«»()")
        if word.istitle() or word.isupper():
            capitalised += 1
        elif word.lower() not in small:
            break
    return capitalised == 1 or (capitalised <= _STUB_RUN and len(end.last_word) <= _STUB_LETTERS)


#: A run of capitalised words at the end of running text is a name cut short when its
#: last word has at most this many letters ("Tom K", "Cedar Falls Ga"), and the run at
#: most this many words: longer ones are titles that end on a short word.
_STUB_LETTERS = 2
_STUB_RUN = 3

#: A capitalised word alone after a sentence ("... to the press. Ju") is a cut when it
#: is this short, or rarer than this (Zipf): not an agency ("Reuters", 3.9).
_FRAGMENT_LETTERS = 3
_FRAGMENT_MAX_ZIPF = 2.0


_QUOTES = '"“”‘„«»('


def _one_word_cut(word: str, after_a_sentence: bool, lang: str | None) -> bool:
    """A last sentence of one word: a cut when no sentence is that word alone ("The",
    "While", "I": one of the language's commonest words), or when a capitalised
    fragment follows a finished sentence ("... stays on. Ma", "... in 1961. Orvek"),
    not an acronym or an agency ("... said. AFP", "... said. Reuters")."""
    token = word.strip("\"'“‘«„(").replace("’", "'").split("'")[0]  # "“It’s": "It"
    if not token.isalpha() or (token.isupper() and len(token) > 1):
        return False
    lowered = token.lower()
    found = function_words(lang)
    if lowered in FUNCTION_WORDS.get(lang or "", ()) or (found and lowered in found.words):
        return True
    if not (after_a_sentence and token.istitle() and lang and language.has_word_list(lang)):
        return False
    return len(token) <= _FRAGMENT_LETTERS or language.zipf(lowered, lang) < _FRAGMENT_MAX_ZIPF


def plausible_cut(end: Ending, lang: str | None) -> bool:
    """The last sentence of ``end`` may be running text that was cut: it starts like a
    sentence (a letter or an opening quote, not a figure or a bullet), holds three words
    or one of the language's commonest ("For the", not "dana perrin"), and is no label, address, handle, credit,
    tag list or link ("Main image credit: Reuters", "Tags: ...", "Jane Doe, Pitchside.com",
    "Click here to read the full story")."""
    sentence = _last_sentence(end.paragraph.joined)
    words = sentence.split()
    if len(words) < 2 or not (sentence[0].isalpha() or sentence[0] in "\"'“‘«„("):
        return False
    if any(sign in words[-1] for sign in "./@#:_"):
        return False
    lowered = sentence.lower()
    if ": " in sentence or "://" in lowered or "www." in lowered or "@" in lowered:
        return False  # a label ("Credit: ...", "Tags: ..."), an address, a handle
    if line_marker(sentence, lowered) is not None or tail_marker(lowered):
        return False  # a credit, a share line, "click here"
    if len(words) >= 3:
        return True
    found = function_words(lang)
    small = FUNCTION_WORDS.get(lang or "", frozenset())
    pieces = [
        piece.strip(_QUOTES)
        for word in words
        for piece in word.lower().replace("’", "'").split("'")
    ]
    return any(piece in small or (found is not None and piece in found.words) for piece in pieces)


def _last_sentence(text: str) -> str:
    """The text after the last sentence end of ``text`` (all of it if none)."""
    matches = list(_INNER_END.finditer(text, max(0, len(text) - 600)))
    return text[matches[-1].end() - 1 :] if matches else text
