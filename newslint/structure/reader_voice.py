"""Reader comments with neither header nor signature: the article's end turning into
the readers' voice.

jusText and readability often keep a page's comments and drop what marked them: the
"12 comments" header, the "Posted by NAME | date" signatures. What is left reads as
more paragraphs of the article, but in another voice. A news article reports ("she
said", "according to"), quotes people between quotation marks and writes in the third
person; readers write in the first and second person outside any quotation ("I think",
"you must have a crystal ball"), start in lower case, glue their sentences
("though.I"), shout ("NEAT LOOKING CAR!") and trail off ("well done ....").

A paragraph's voice is read without what others wrote in it (quotations, web and mail
addresses): each first-person pronoun adds 1 and each second-person one 0.5 (3 at
most); a glued sentence, "...."/"!!"/"?!", a lower-case start add 1.5 each; a word in
capitals, an exclamation mark, opening with a word (not a quotation or a figure) add 1;
a reporting verb takes 2 away. The compiled core reads the paragraphs
(``core/src/voice.rs``, with Python's character properties and lower case); the Python
it replaced is ``tests/reader_voice_oracle.py``.

The body's last paragraphs are a thread when, from some paragraph on, they read on
average in that voice (:data:`THREAD_VOICE`), most of them do, and the article's
paragraphs before them plainly do not (:data:`ARTICLE_VOICE`, over its sentence-long
paragraphs). A first-person column is in that voice from its first paragraph, so it
never turns; an interview that ends in questions and answers ("Q:", "NAME:") is left
alone. The thresholds were chosen on the labelled pages of both sources of
``../shared/corpus`` (see training/README.md): the same values give no false positive
on either, and the aeb pages alone would have chosen them.

Only languages with word lists here (their pronouns and reporting verbs) are judged:
elsewhere the view says nothing rather than something wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import newslint._core as _core
from newslint.structure.function_words import function_words

#: The paragraphs before the thread that must be sentence-long article prose (and the
#: length, in words, of such a paragraph), and the paragraphs a thread holds at least.
MIN_ARTICLE = 4
ARTICLE_WORDS = 15
MIN_THREAD = 4
#: Mean voice above which a run of paragraphs is the readers', below which the article's
#: prose is the publisher's; share of the thread's paragraphs that must be voiced at all.
THREAD_VOICE = 2.0
ARTICLE_VOICE = 0.6
VOICED_SHARE = 0.7
#: Mean voice the page's last paragraphs need before the rest is read.
LAST_VOICE = 1.5
#: Paragraphs shorter than this are left out of the judgement (they follow the thread).
MIN_WORDS = 3
#: What a second-person pronoun weighs against a first-person one.
SECOND_PERSON = 0.5
#: Share of a thread's paragraphs that must speak in the first person, and share that
#: must be typed informally.
SHARE = 0.25
TYPED_SHARE = 0.15


@dataclass(frozen=True)
class Voice:
    """The words of one language that the voice is read from (lower case). In
    :data:`VOICES` they are bare words; :func:`voice_of` gives each also with the signs
    that may stick to it in running text ("me,", "(my", "you're"), so that a white-space
    split of a lower-cased paragraph finds them without tokenising."""

    #: first-person singular pronouns and possessives: the commenter speaking
    first_person: frozenset[str]
    #: second-person ones: a reader answering another, or a publisher its readers
    second_person: frozenset[str]
    #: words that report speech: a paragraph with one is the article's
    reporting: frozenset[str]
    #: elided first-person pronouns that start a word ("j'ai", "m'hanno")
    elided: tuple[str, ...] = ()


_TRAILING = ("", ",", ".", ":", ";", "!", "?", ")", "…", "...")
_CONTRACTIONS = ("", "'m", "'ve", "'d", "'ll", "'re", "'s", "’m", "’ve", "’d", "’ll", "’re", "’s")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _with_signs(words: frozenset[str]) -> frozenset[str]:
    return frozenset(
        lead + word + contraction + trail
        for word in words
        for lead in ("", "(")
        for contraction in _CONTRACTIONS
        for trail in _TRAILING
    )


VOICES: dict[str, Voice] = {
    "en": Voice(
        _words("i im me my myself"),
        _words("you your yours u ur"),
        _words("said says told according announced reported"),
    ),
    "fr": Voice(
        _words("je moi mon ma mes"),
        _words("tu toi ton ta tes vous votre vos"),
        _words(
            "dit déclaré affirmé expliqué indiqué selon estime affirme explique annoncé reconnu rappelé précisé ajouté souligné assuré confié"
        ),
        elided=("j'", "j’", "m'", "m’"),
    ),
    "de": Voice(
        _words("ich mich mir mein meine meinen meinem meiner"),
        _words("du dich dir dein deine deinen"),
        _words(
            "sagte sagt sagten erklärte erklärt berichtete teilte laut kündigte betonte warnte zufolge"
        ),
    ),
    "es": Voice(
        _words("yo me mi mis conmigo"),
        _words("tú tu tus te ti usted ustedes"),
        _words(
            "dijo afirmó explicó señaló según aseguró declaró reconoció recordó añadió anunció indicó"
        ),
    ),
    "it": Voice(
        _words("io mi me mio mia miei mie"),
        _words("tu ti te tuo tua tuoi"),
        _words(
            "detto dichiarato spiegato secondo afferma ribadito annunciato sottolineato aggiunto riconosciuto"
        ),
    ),
    "pt": Voice(
        _words("eu me meu minha meus minhas mim"),
        _words("você vocês tu te teu tua"),
        _words(
            "disse afirmou explicou segundo declarou ressaltou anunciou reconheceu acrescentou destacou"
        ),
    ),
}

# An interview's turn: "Q:", "A:", "NAME:", "Jane Doe:" at the start of a paragraph.
_TURN = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,2}:\s")


@cache
def voice_of(lang: str) -> Voice | None:
    """``lang``'s words with their signs (see :class:`Voice`); None without word lists.
    Built on first use: some 40,000 strings, which a run without such pages never needs."""
    bare = VOICES.get(lang)
    if bare is None:
        return None
    return Voice(
        _with_signs(bare.first_person),
        _with_signs(bare.second_person),
        _with_signs(bare.reporting),
        bare.elided,
    )


@cache
def _voice_words(lang: str) -> _core.VoiceWords | None:
    """The core's reader of ``lang``'s voice; None without word lists."""
    words = voice_of(lang)
    if words is None:
        return None
    elided = list(words.elided)
    return _core.VoiceWords(
        words.first_person, words.second_person, words.reporting, elided, _lower
    )


def _lower(code: int) -> str:
    return chr(code).lower()


def readings(texts: Sequence[str], lang: str | None) -> list[tuple[float, bool, bool, int]]:
    """How each of ``texts`` reads, in ``lang``: (score, first person, informal, words),
    read by the compiled core (``core/src/voice.rs``); empty without word lists."""
    voice_words = _voice_words(lang or "")
    function = function_words(lang)
    if voice_words is None or function is None:
        return []
    return _core.voice_readings(function.reader, voice_words, list(texts))


def thread_start(texts: Sequence[str], lang: str | None) -> int | None:
    """Index into ``texts``, the paragraphs of an article body in order, of the first
    paragraph of a reader comment thread that runs to its end; None when there is none
    (or the language has no word lists)."""
    if len(texts) < MIN_ARTICLE + MIN_THREAD:
        return None
    # Most pages end as they began, in the article's voice: their last paragraphs say so
    # before the whole page is read.
    for count in (MIN_THREAD, 2 * MIN_THREAD):
        end = readings(texts[-count:], lang)
        last = [reading[0] for reading in end if reading[3] >= MIN_WORDS][-MIN_THREAD:]
        if len(last) == MIN_THREAD:
            if sum(last) < LAST_VOICE * MIN_THREAD:
                return None
            break
    read = readings(texts, lang)
    judged = [i for i, reading in enumerate(read) if reading[3] >= MIN_WORDS]
    if len(judged) < MIN_ARTICLE + MIN_THREAD:
        return None
    scores = [read[i][0] for i in judged]
    long = [read[i][3] >= ARTICLE_WORDS for i in judged]
    # Running sums, so that each candidate start is judged in constant time.
    prose_count = list(accumulate(long, initial=0))
    prose_voice = list(accumulate((s * x for s, x in zip(scores, long, strict=True)), initial=0.0))
    tail_voice = list(accumulate(reversed(scores), initial=0.0))[::-1]
    tail_voiced = list(accumulate((s >= 1 for s in reversed(scores)), initial=0))[::-1]
    for k in range(MIN_ARTICLE, len(judged) - MIN_THREAD + 1):
        if scores[k] < THREAD_VOICE or prose_count[k] < MIN_ARTICLE:
            continue
        size = len(judged) - k
        if (
            tail_voice[k] / size >= THREAD_VOICE
            and prose_voice[k] / prose_count[k] <= ARTICLE_VOICE
            and tail_voiced[k] / size >= VOICED_SHARE
        ):
            # A thread has readers saying "I" and typing as they speak; a columnist's
            # closing words are edited; an interview has turns.
            speaking = sum(read[i][1] for i in judged[k:])
            typed = sum(read[i][2] for i in judged[k:])
            turns = sum(bool(_TURN.match(texts[i])) for i in judged[k:])
            if speaking < SHARE * size or typed < TYPED_SHARE * size or turns >= 2:
                return None
            return judged[k]
    return None
