"""Types of the compiled core (``core/``, Rust, built by maturin as ``newslint._core``)."""

from collections.abc import Callable

__version__: str

class PatternPass:
    """The YAML rules' units and the screening pass over them (``core/src/patterns.rs``)."""

    def __init__(
        self,
        units: list[tuple[str | None, str] | None],
        requires: list[list[str] | None],
        flags: list[str] = ...,
    ) -> None: ...
    def screen(self, text: str, folded: str) -> tuple[list[int], list[int], list[str]]: ...
    def find(self, text: str, units: list[int]) -> list[tuple[int, int, int]]: ...
    def starts(self, text: str, unit: int, limit: int) -> list[int] | None: ...
    def prepare(self, unit: int) -> None: ...

def check_pattern(pattern: str) -> str | None: ...
def case_closed(class_: str) -> str:
    """The class as it matches ignoring case, written inside ``(?-i:...)``."""

class LanguageModel:
    """py3langid's naive Bayes identifier (``core/src/langid.rs``)."""

    def __init__(
        self, data: bytes | memoryview, checksum: int | None = None, *, portable: bool = False
    ) -> None: ...
    @property
    def classes(self) -> list[str]: ...
    def classify(self, data: bytes) -> tuple[str, float]: ...
    def probabilities(self, data: bytes) -> list[float]: ...

class Sketcher:
    """MinHash with datasketch's affine32 permutations (``core/src/features.rs``)."""

    def __init__(self, a: list[int], b: list[int]) -> None: ...
    @staticmethod
    def shingle_hashes(folded: bytes, size: int) -> list[int]: ...
    def signature(self, folded: bytes, size: int) -> tuple[bytes, int]: ...
    @staticmethod
    def band_keys(signature: bytes, bands: int, rows: int) -> list[int]: ...

def text_key(folded: bytes) -> int: ...
def line_keys(folded: bytes) -> list[tuple[int, int, int]]: ...

class LineScorer:
    """The structure view's line model: boosted trees of one depth, flattened tree after
    tree (``core/src/structure.rs``)."""

    def __init__(
        self,
        features: list[int],
        splits: list[float],
        leaves: list[float],
        inner: int,
        base: float,
        prose: float,
    ) -> None: ...
    def log_odds(self, rows: list[list[float]]) -> list[float]: ...
    def page_log_odds(
        self, rows: list[list[float]], sizes: list[int], scored: list[bool]
    ) -> list[float]: ...

def context_rows(
    rows: list[list[float]], sizes: list[int], scored: list[bool] | None = None
) -> list[list[float] | None]: ...

class UnitReader:
    """The structure view's own features of units, but for markers and dates
    (``core/src/units.rs``)."""

    def __init__(
        self, words: set[str], coverage: float, classify: Callable[[int], int]
    ) -> None: ...

def page_units(
    reader: UnitReader,
    marker_reader: MarkerReader,
    texts: list[str],
    wraps: list[int],
    signatures: bool,
    tails: bool,
    shortcut: bool,
) -> tuple[list[list[float]], list[int | None], list[int], list[bool]] | None:
    """The own rows, markers, word counts and plain-prose flags of a page's units, with
    their markers and signatures; None, with ``shortcut``, for a page that is plainly an
    article (``core/src/page.rs``)."""

def page_parts(
    reader: UnitReader,
    marker_reader: MarkerReader,
    texts: list[str],
    rows: list[list[float]],
    log_odds: list[float],
    sizes: list[int],
    markers: list[int | None],
    groups: list[tuple[int, int]],
    thresholds: list[float],
) -> tuple[list[int], tuple[int, int] | None, list[tuple[int, int, int]]]:
    """The structure view's segmentation of a page (``core/src/segment.rs``): the part
    of each line, the body's lines, the (part, first, last) of each block."""

class MarkerReader:
    """The structure view's markers, signatures, tail words, footers and dates, matched
    as Python's ``re`` matches markers.py's patterns (``core/src/markers.rs``)."""

    def __init__(
        self,
        first_words: set[str],
        ambiguous: dict[str, set[str]],
        special: str,
        lead: str,
        token_end: str,
        authors: list[str],
        not_a_name: set[str],
        signed_hints: list[str],
        tail_hints: list[str],
        classify: Callable[[int], int],
        source: Callable[[int], tuple[list[str], list[str], dict[str, str]]],
    ) -> None: ...
    def marker(self, lowered: str) -> int | None: ...
    def markers(self, lowered: list[str | None]) -> list[int | None]: ...
    def signed(self, lowered: list[str]) -> list[bool]: ...
    def tail_words(self, lowered: list[str]) -> list[bool]: ...
    def footer(self, lowered: str) -> bool: ...
    def agrees(self, cp: int) -> bool: ...
    def dates(self, texts: list[str]) -> list[bool]: ...

class CommonWords:
    """M004's first look at a document's paragraphs (``core/src/common_words.rs``): which
    are long enough to judge, and which of those its bound proves to be mostly the
    language's commonest words."""

    def __init__(self, pieces: list[str], view: bytes) -> None: ...
    def kinds(
        self, texts: list[str], min_chars: int, sentence_chars: int, share: float
    ) -> list[int]:
        """Per text: 0 shorter than ``sentence_chars``, 1 the article's language (shorter
        than ``min_chars``, or proven), 2 to be judged."""

class DoubledWords:
    """Where M003's doubled words may start (``core/src/doubled_words.rs``): a superset of
    the starts of its pattern's matches. ``python_unicode``: the version of Python's
    Unicode database (a ValueError if the core's tables are older)."""

    def __init__(self, python_unicode: tuple[int, int, int]) -> None: ...
    def starts(self, text: str) -> list[int]: ...

class RepetitionReader:
    """Reads a document's paragraphs as the duplication rules compare them: prefolded,
    folded, sketched and split into words (``core/src/repetition.rs``)."""

    def __init__(
        self,
        quotes: str,
        kept: tuple[dict[int, int], dict[int, int]],
        cuts: tuple[int, int],
        marker: str,
        casefold: Callable[[int], str],
        classify: Callable[[int], int],
    ) -> None: ...
    def read(self, text: str, numbers: list[int]) -> Repeats: ...

class Repeats:
    """A document's paragraphs, their copies and likenesses, and the per-document loops
    of D001 to D004 (``core/src/repetition.rs``); indexes are of ``Document.paragraphs``."""

    @property
    def templated(self) -> bool: ...
    @property
    def numbers(self) -> list[int]: ...
    def __len__(self) -> int: ...
    def duplicates(self, min_chars: int) -> list[tuple[int, int]]: ...
    def near_suspects(
        self, min_chars: int, limit: int, min_similarity: float
    ) -> list[tuple[int, list[int]]]: ...
    def lines_folded_as(self, folded: str) -> list[int]: ...
    def pull_quotes(
        self, min_words: int, max_words: int, max_paragraphs: int, search_budget: int
    ) -> list[tuple[int, int]]: ...

class QuoteReader:
    """Reads a document for the quote rules Q001 to Q003 (``core/src/quotes.rs``)."""

    def __init__(self, spaces: str) -> None: ...
    def read(self, text: str, starts: list[int], ends: list[int]) -> QuoteText: ...

class QuoteText:
    """A document's characters and paragraphs as written, and the per-document loops of
    Q001 to Q003 (``core/src/quotes.rs``); offsets are the document's."""

    def unbalanced_quotes(self) -> list[tuple[int, str, bool]]: ...
    def unbalanced_brackets(self) -> list[tuple[int, str]]: ...
    def mixed_quote_styles(self) -> tuple[int, int, list[int]] | None: ...

class VoiceWords:
    """One language's words of the reader's voice (``newslint.structure.reader_voice``),
    and lower case (``core/src/voice.rs``)."""

    def __init__(
        self,
        first_person: frozenset[str],
        second_person: frozenset[str],
        reporting: frozenset[str],
        elided: list[str],
        lower: Callable[[int], str],
    ) -> None: ...

def voice_readings(
    reader: UnitReader, words: VoiceWords, texts: list[str]
) -> list[tuple[float, bool, bool, int]]:
    """How each paragraph reads: (score, first person, informal, words)
    (``core/src/voice.rs``)."""
