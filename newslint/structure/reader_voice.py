"""Reader comments with neither header nor signature: the article's end turning into
the readers' voice.

jusText and readability often keep a page's comments and drop what marked them: the
"12 comments" header, the "Posted by NAME | date" signatures. What is left reads as
more paragraphs of the article, but in another voice. A news article reports ("she
said", "according to"), quotes people between quotation marks and writes in the third
person; readers write in the first and second person outside any quotation ("I think",
"you must have a crystal ball"), start in lower case, glue their sentences
("though.I"), shout ("NEAT LOOKING CAR!") and trail off ("well done ....").

The body's last paragraphs are a thread when, from some paragraph on, they read on
average in that voice (:data:`THREAD_VOICE`), most of them do, and the article's
paragraphs before them plainly do not (:data:`ARTICLE_VOICE`, over its sentence-long
paragraphs). A first-person column is in that voice from its first paragraph, so it
never turns; an interview that ends in questions and answers ("Q:", "NAME:") is left
alone. The thresholds were chosen on the labelled pages of both sources of
``../shared/corpus`` (see training/README.md): the same values give no false positive
on either, and the aeb pages alone would have chosen them.

Only languages with word lists here (their pronouns and reporting verbs)
are judged: elsewhere the view says nothing rather than something wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

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
    """The words of one language that the voice is read from (lower case)."""

    #: first-person singular pronouns and possessives: the commenter speaking
    first_person: frozenset[str]
    #: second-person ones: a reader answering another, or a publisher its readers
    second_person: frozenset[str]
    #: words that report speech: a paragraph with one is the article's
    reporting: frozenset[str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


VOICES: dict[str, Voice] = {
    "en": Voice(
        _words("i im me my myself"),
        _words("you your yours u ur"),
        _words("said says told according announced reported"),
    ),
    "fr": Voice(
        _words("je j moi mon ma mes"),
        _words("tu toi ton ta tes vous votre vos"),
        _words(
            "dit déclaré affirmé expliqué indiqué selon estime affirme explique annoncé reconnu rappelé précisé ajouté souligné assuré confié"
        ),
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

# Text between quotation marks is someone quoted by the article, not a reader; a web or
# mail address is not a glued sentence.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|\S*(?:://|www\.|@\w)\S*')
_WORD = re.compile(r"[^\W\d_]+")
# A sentence glued to the next without a space ("though.I", "article,both").
_GLUED = re.compile(r"[^\W\d_][.,!?][^\W\d_]{2}")
# Trailing off or insisting: "....", "!!", "??", "?!", "... so".
_INSISTING = re.compile(r"\.{4,}|!{2,}|\?{2,}|\?!|!\?|\.\.\.[ a-zß-öø-ÿ]|\s\.\.\.")
_SHOUTED = re.compile(r"\b[A-Z]{4,}\b")
# An interview's turn: "Q:", "A:", "NAME:", "Jane Doe:" at the start of a paragraph.
_TURN = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,2}:\s")


@dataclass(frozen=True)
class Reading:
    """What :func:`voice` reads in a paragraph."""

    #: how much it reads like a reader's comment rather than reporting
    score: float
    #: it speaks in the first person
    first_person: bool
    #: its typing is a reader's, not an editor's: lower-case start, glued sentences,
    #: "....", "!!", words in capitals, an exclamation
    informal: bool


def voice(text: str, words: Voice) -> Reading:
    """How ``text`` reads (nothing for a paragraph too short to judge)."""
    own = _QUOTED.sub(" ", text)
    tokens = _WORD.findall(own.lower())
    if len(own.split()) < MIN_WORDS:
        return Reading(0.0, False, False)
    first = sum(token in words.first_person for token in tokens)
    second = sum(token in words.second_person for token in tokens)
    score = min(3.0, first + SECOND_PERSON * second)
    found = _GLUED.search(own)
    glued = bool(found and found.group()[0].islower())
    insisting, shouted = bool(_INSISTING.search(own)), bool(_SHOUTED.search(own))
    opening = own[:1]
    score += 1.5 * glued + 1.5 * insisting + shouted + ("!" in own) + 1.5 * opening.islower()
    # A paragraph that opens with a word: not a quotation, a figure or a list item.
    score += opening.isalpha() or opening == "@" or own[:2].startswith("-")
    score -= 2 * any(token in words.reporting for token in tokens)
    informal = glued or insisting or shouted or "!" in own or opening.islower()
    return Reading(score, first > 0, informal)


def thread_start(texts: Sequence[str], lang: str | None) -> int | None:
    """Index into ``texts``, the paragraphs of an article body in order, of the first
    paragraph of a reader comment thread that runs to its end; None when there is none
    (or the language has no word lists)."""
    words = VOICES.get(lang or "")
    if words is None:
        return None
    judged = [i for i, text in enumerate(texts) if len(text.split()) >= MIN_WORDS]
    if len(judged) < MIN_ARTICLE + MIN_THREAD:
        return None
    voices = [voice(texts[i], words) for i in judged]
    scores = [reading.score for reading in voices]
    long = [len(texts[i].split()) >= ARTICLE_WORDS for i in judged]
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
            speaking = sum(reading.first_person for reading in voices[k:])
            typed = sum(reading.informal for reading in voices[k:])
            turns = sum(bool(_TURN.match(texts[i])) for i in judged[k:])
            if speaking < SHARE * size or typed < TYPED_SHARE * size or turns >= 2:
                return None
            return judged[k]
    return None
