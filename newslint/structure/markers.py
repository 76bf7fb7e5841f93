"""Words that name a part of a web page rather than tell a story: the header of a comment
section, of a list of related links, a share or follow line, a subscription box, a legal
footer, a credit line, a menu, a tag list, a press release's "About ..." section, CMS
error output and unfilled template placeholders.

Each kind is one regular expression over a lower-cased line (leading bullets and spaces
removed), matched at the start of the line; the words are those of the page templates in
English, French, German, Spanish, Italian and Portuguese (and a few other languages for
the commonest headers), never those of a given site.

This module holds the patterns and the first-word test's words; the compiled core
matches them (``core/src/markers.rs``), as Python's ``re`` would, a page's units in one
call (:func:`line_markers`, :func:`signed_tails`, :func:`tail_words`, :func:`dates`).
Each pattern is translated and compiled on first use: compiling the marker pattern
takes longer than checking a short text, which most often never needs it. The Python
definitions they replaced are the oracle of ``tests/test_markers_parity.py``
(``tests/markers_oracle.py``).
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import newslint._core as _core
from newslint.checking.prefilter import LiteralIndex, present_in
from newslint.disk_cache import DiskCache, code_version
from newslint.model.document import Document
from newslint.structure.function_words import char_properties


class Marker(Enum):
    """What a line that starts with page-furniture words is."""

    COMMENTS = "comments"
    RELATED = "related"
    SHARE = "share"
    SUBSCRIBE = "subscribe"
    LEGAL = "legal"
    CREDIT = "credit"
    NAVIGATION = "navigation"
    TAGS = "tags"
    ABOUT = "about"
    CMS = "cms"
    SIGNATURE = "signature"


_COUNT = r"(?:\(?\d{1,6}\)?\s+|\[\s*\d{1,6}\s+)"

# A line that is, or starts, the comment section; counts of comments; the "X says:" and
# "Reply" lines of the comments themselves.
_COMMENTS = r"""
(?:COUNT|new,\s+\d+\s+|show\s+(?:new\s+)?|view\s+(?:all\s+)?|read\s+(?:all\s+)?|load(?:ing)?\s+|
   see\s+(?:all\s+)?|top\s+rated\s+|all\s+|user\s+|reader\s+|recent\s+|latest\s+|hide\s+)?
(?:comments?|commentaires?|kommentare?|leserkommentare|comentarios?|comentários?|commenti|
   komentar(?:ze)?|reacties|reactions|réactions|reacciones|reazioni|reações|
   комментари[йяи]?|комментарий)
(?:\s*\(\d{1,6}\)|\s+\d{1,6}|\s+(?:are\s+closed|sont\s+fermés|geschlossen|cerrados|chiusi|
   (?:estão\s+)?fechados)|\s*(?:\.\.\.|…|\(\+\)|:|\]|\.)|\s+(?:&|and)\s+replies)?\W*$
|(?:leave|post|add|write|submit)\s+(?:a|your|the)\s+(?:comment|reply|response)
|comments?\s+(?:(?:are|is)\s+(?:now\s+)?closed|powered\s+by|on\s+this\s+(?:story|article)|policy)
|comment\s+on\s+this\s+(?:story|article|post)
|(?:join|start)\s+(?:the\s+)?(?:discussion|conversation)|want\s+to\s+join\s+the\s+discussion
|tell\s+us\s+what\s+you\s+think|what\s+do\s+you\s+think\?\s*(?:leave|tell|let)
|you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment|log\s+in\s+to\s+(?:comment|reply)
|\d{1,6}\s+(?:thoughts|responses|replies)\s+(?:on|to)\b
|(?:laisser|ajouter|écrire|poster)\s+un\s+commentaire|réagir\s+à\s+cet\s+article
|(?:einen\s+)?kommentar\s+(?:schreiben|verfassen|hinterlassen)|diskutieren\s+sie\s+mit
|(?:deja|dejar|escribe|añadir|agregar)\s+(?:un|tu)\s+comentario
|(?:lascia|scrivi|aggiungi)\s+un\s+commento|nessun\s+commento
|(?:deixe|deixar|escreva|adicione)\s+(?:um|o\s+seu|seu|sua)\s+comentário
|tinggalkan\s+(?:balasan|komentar)|laat\s+een\s+reactie\s+achter
|deixe\s+(?:sua|suas|seu|seus)\s+(?:dúvidas|opiniões|opinião|comentários?)
|(?:permalink|link\s+permanente|lien\s+permanent|enlace\s+permanente)\W*$

|(?:reply|replydelete|répondre|antworten|responder|rispondi|balas|ответить)\W*$
|[^:]{1,60}?\s(?:says|said|wrote|replied|dit|a\s+écrit|sagt|schreibt|schrieb|dice|escribió|diz|escreveu|scrive|ha\s+scritto)\s*:\s*$
""".replace("COUNT", _COUNT)

# The signature and the buttons of one reader comment ("Posted by: NAME | date", "NAME
# said...", "Comment No. 3", "Report abuse", "12 people liked this"): a thread when the
# page holds several, a byline when it holds one.
_SIGNATURE = r"""
(?:[-–—]\s*)?(?:posted|submitted|written|posté|publié|gepostet|geschrieben|publicado|postado|
   inviato|scritto|pubblicato)\s+(?:by|par|von|por|da)\s*:?\s*
   (?:(?:\S+\s+){0,4}[^\s.!?]+\s*$
   |[^\s|:][^|.!?]{0,60}?(?:\s*\|\s*|\s+(?:at|on|le|am|el|em|il)\s+|,\s*|\s+)(?:\d|\(|[a-z]{3,9}\.?\s+\d))
|[^\s:][^:]{0,50}?\s(?:said|wrote|writes|says|a\s+dit|a\s+écrit|sagte|schrieb|dijo|escribió|disse|
   escreveu|ha\s+detto|ha\s+scritto)\s*(?:\.\.\.|…|\.\s*\.\s*\.)\s*$
|(?:comment|commentaire|kommentar|comentario|comentário|commento)\s*(?:no\.?|nr\.?|n[°º]|\#|number)\s*\d{1,5}\b
|(?:report\s+(?:abuse|this(?:\s+comment)?|offensive)|flag\s+(?:as\s+)?inappropriate|
   signaler\s+(?:un\s+)?abus|missbrauch\s+melden|denunciar\s+abuso|segnala\s+abuso|denunciar)\W*$
|\d{1,6}\s+(?:people|readers?|users?|personnes|leser|personas|persone|pessoas)\s+
   (?:like|liked|recommend(?:ed)?|agree(?:d)?|aiment|empfehlen|recomiendan|consigliano|recomendam)\b
|(?:vote\s+(?:up|down)|thumbs\s+(?:up|down)|recommend|like|dislike|j[’']aime)\W*$
|in\s+reply\s+to\b|en\s+réponse\s+à\b|als\s+antwort\s+auf\b|en\s+respuesta\s+a\b
"""

# "More:" and "Also:" are the last branch, not a look-ahead ("more(?=\s*:)"), which the
# compiled core lacks: only whether a kind matches matters, not where its match ends.
_RELATED = r"""
(?:related|also\s+on\s+\S+\.\w+|read\s+(?:more|also|next)|also\s+read|more\s+(?:from|on|about|in|stories|news|like\s+this)|
   you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed|shared|commented|discussed)|
   popular(?:\s+(?:on|in|now|posts|stories))?|trending(?:\s+now)?|don[’']t\s+miss|see\s+(?:also|more)|explore\s+further|
   (?:top|latest|recent|more|other|similar)\s+(?:stories|articles|news|posts|videos)|
   lire\s+aussi|à\s+lire\s+(?:aussi|également)|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|voir\s+aussi|
   (?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch\s+interessieren|meistgelesen)|
   (?:lee\s+(?:también|más)|te\s+puede\s+interesar|noticias\s+relacionadas|lo\s+más\s+leído|ver\s+también)|
   (?:leggi\s+anche|potrebbe\s+interessarti|articoli\s+correlati|i\s+più\s+letti|vedi\s+anche)|
   (?:leia\s+(?:também|mais)|veja\s+(?:também|mais)|notícias\s+relacionadas|mais\s+lidas|saiba\s+mais))\b
|(?:more|also)\s*:
"""

_SHARE = r"""
(?:share(?:\s+(?:this|on|via|the|article|story))?|follow\s+(?:us|me|him|her|them|@?\S+\s+on)|like\s+us\s+on|
   find\s+us\s+on|connect\s+with\s+us|tweet\s+this|click\s+to\s+tweet|pin\s+it|
   partager|partagez|suivez[-\s](?:nous|\S+\s+sur)|retrouvez[-\s]nous|
   teilen|folgen\s+sie\s+(?:uns|\S+\s+auf)|
   compartir|comparte|síguenos|siga(?:nos|-nos)?\s+en|
   condividi|seguici|seguite(?:ci)?|
   compartilh[ae]|partilh[ae]|siga[-\s]nos|curta\s+(?:a\s+nossa|nossa)\s+página)\b
"""

_SUBSCRIBE = r"""
(?:(?:sign\s+up|subscribe|register|join)(?:\s+(?:now|today|here|free|for\s+free))?\s*(?:[:!.»›→]|$)|
   (?:sign\s+up|subscribe|register)\s+(?:now\s+|today\s+|here\s+)?(?:for|to)\s+(?:our|the|this)\s+
      (?:\S+\s+){0,4}?(?:newsletters?|podcasts?|briefings?|mailing\s+list|alerts|updates|channel)\b|
   (?:sign\s+up|subscribe)\b.{0,80}?\b(?:newsletters?|inbox|e-?mail\s+(?:alerts|updates))\b|
   (?:get|receive)\s+(?:our|the)\s+(?:\S+\s+){0,3}?newsletter|newsletters?\b|
   thanks\s+for\s+(?:signing\s+up|subscribing)|keep\s+an\s+eye\s+on\s+your\s+inbox|
   (?:inscrivez|abonnez)-vous|recevez\s+(?:notre|nos|la)\s+(?:\S+\s+){0,2}?(?:newsletter|lettre)|
   (?:jetzt\s+)?(?:abonnieren|anmelden|registrieren)\W*$|newsletter\s+abonnieren|
   (?:suscríbete|suscribirse|regístrate)\b|recibe\s+(?:nuestro|nuestra|el|la)\s+(?:\S+\s+){0,2}?(?:newsletter|boletín)|
   (?:iscriviti|abbonati)\b|ricevi\s+(?:la|le|il)\s+(?:\S+\s+){0,2}?newsletter|
   (?:assine|inscreva-se|cadastre-se)\b|receba\s+(?:em\s+seu\s+e-?mail|no\s+seu\s+e-?mail|nosso|nossa|a|o)\b)
"""

_LEGAL = r"""
(?:(?:copyright|\(c\)|©|ⓒ)|all\s+rights\s+reserved|disclaimer\s*:|privacy\s+(?:policy|notice|settings)|
   terms\s+(?:of\s+(?:use|service)|and\s+conditions)|cookie\s+(?:policy|settings|preferences)|
   this\s+(?:material|copy)\s+(?:may\s+not|is\s+for)|by\s+(?:submitting|registering|continuing|using\s+this)|
   tous\s+droits\s+réservés|mentions\s+légales|politique\s+de\s+confidentialité|
   alle\s+rechte\s+vorbehalten|impressum|datenschutz|
   todos\s+los\s+derechos|aviso\s+legal|política\s+de\s+privacidad|
   tutti\s+i\s+diritti|riproduzione\s+riservata|
   todos\s+os\s+direitos|política\s+de\s+privacidade|termos\s+de\s+uso|
   (?:this|our)\s+(?:web\s?)?site\s+(?:uses|is\s+using)\s+cookies|we\s+(?:use|store)\s+cookies|
   (?:accept|allow|reject|manage)\s+(?:all\s+)?cookies|
   ce\s+site\s+(?:web\s+)?utilise\s+des\s+cookies|nous\s+utilisons\s+des\s+cookies|en\s+poursuivant\s+votre\s+navigation|
   diese\s+(?:webseite|website|seite)\s+(?:verwendet|nutzt)\s+cookies|wir\s+(?:verwenden|nutzen)\s+cookies|
   (?:este\s+sitio(?:\s+web)?|esta\s+web)\s+(?:utiliza|usa)\s+cookies|utilizamos\s+cookies|
   questo\s+sito\s+(?:web\s+)?(?:utilizza|usa)\s+(?:i\s+)?cookie|utilizziamo\s+(?:i\s+)?cookie|
   este\s+site\s+(?:utiliza|usa)\s+cookies|usamos\s+cookies)
"""

# Credit lines of wire copy and author boxes: "Reporting by ...", "... contributed to
# this report", "Write to ... at", "SOURCE: ...".
_CREDIT = r"""
(?:\(?(?:additional\s+)?reporting\s+by|\(?(?:writing|editing|edited|compiled|produced)\s+by\b|
   .{0,200}?\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article)|
   contributing:|(?:write|reach|contact|email)\s+(?:to\s+)?\S+(?:\s+\S+){0,3}\s+(?:at|on)\s+\S+@|
   (?:reach|contact|follow)\s+the\s+(?:reporters?|writers?|authors?)\b|
   [\w.+-]+@[\w-]+(?:\.[\w-]+)+\W*$|
   (?:source|sources|quelle|fuente|fonte)\s*:|with\s+(?:post\s+)?wires\b|
   with\s+(?:a\s+)?(?:files?|reports?|reporting)\s+from\b|
   (?:this\s+(?:article|story)\s+(?:was|is|has\s+been)\s+(?:originally\s+)?|originally\s+)
      (?:published|appeared|reprinted|adapted)\s+(?:on|in|by|from|with\s+permission)\b|
   (?:avec|mit\s+material\s+von|con\s+información\s+de|com\s+informações\s+d[aeo]s?)\b|
   \(?(?:rédaction|redaktion|redacción|redazione|redação)\s*[,:]|
   (?:last\s+)?(?:updated|published|posted|mis\s+à\s+jour|publié|aktualisiert|veröffentlicht|
      actualizado|publicado|aggiornato|pubblicato|atualizado)\s*(?:at|on|:|le|am|el|em|il)?\s*\d|
   (?:\S+\s+){1,3}is\s+(?:a|an|the|\S+[’']s)\s+(?:\S+\s+){0,4}(?:reporter|writer|editor|correspondent|columnist|
      contributor|curator|journalist|critic|blogger)\b)
"""

_NAVIGATION = r"""
(?:home|menu|search|log\s*in|log\s*out|sign\s+in|sign\s+out|my\s+account|account\s+settings|
   skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|toggle\s+navigation|main\s+menu|close|
   accueil|rechercher|connexion|se\s+connecter|mon\s+compte|
   startseite|suche|anmelden|mein\s+konto|
   inicio|buscar|iniciar\s+sesión|mi\s+cuenta|
   cerca|accedi|il\s+mio\s+account|
   início|pesquisar|entrar|minha\s+conta|
   (?:updated\s+)?\d{1,3}\s*(?:[smhd]|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago|
   il\s+y\s+a\s+\d{1,3}\s*(?:min|minutes?|h|heures?|jours?)|vor\s+\d{1,3}\s*(?:min|minuten|std|stunden|tagen)|
   hace\s+\d{1,3}\s*(?:min|minutos?|h|horas?|días?)|\d{1,3}\s*(?:minuti|ore|giorni)\s+fa|
   há\s+\d{1,3}\s*(?:min|minutos?|h|horas?|dias?))\W*$
"""

_TAGS = r"""
(?:tags?|tagged(?:\s+with)?|filed\s+under|posted\s+in|categor(?:y|ies)|topics?|keywords?|
   mots[-\s]clés|thèmes?|schlagwörter|schlagworte|themen|etiquetas|temas|argomenti|tópicos|
   palavras[-\s]chave)\s*[:|]
|(?:tags|topics|related\s+topics|categories|schlagwörter|etiquetas|mots-clés)\W*$
"""

# The "About <company>" section of a press release; a short line only.
_ABOUT = r"""
(?:about|à\s+propos\s+d[ue'’]|über|acerca\s+de|sobre|a\s+proposito\s+di|informazioni\s+su)\s+
(?:the\s+)?[^\W\d_][^\s.]*(?:\s+[^\s.]+){0,3}\s*:?\s*$
"""

# CMS and PHP error output, unfilled template placeholders and shortcodes.
_CMS = r"""
(?:(?:php\s+)?(?:warning|notice|fatal\s+error|parse\s+error|deprecated|strict\s+standards)\s*:.{0,300}?
   \s(?:in|on)\s+(?:/|[a-z]:\\).{0,200}?(?:on\s+)?line\s+\d+
|(?:error|exception)\s*:.{0,200}?(?:undefined|not\s+found|traceback|stack\s+trace)
|\[(?:/?[a-z_]{2,30})(?:\s+[a-z_]+=[^\]]*)?\].{0,200}?\[/[a-z_]{2,30}\]
|\{\{\s*[\w.]+\s*\}\}|\{%\s*\w+|\$\{\w+\}|%%\w+%%|\[\[\w+\]\]
|undefined\W*$|null\W*$|nan\W*$|lorem\s+ipsum\b|javascript\s+is\s+(?:required|disabled)|
   please\s+enable\s+javascript|(?:your\s+)?browser\s+does\s+not\s+support|
   media\s+playback\s+is\s+unsupported|an\s+error\s+(?:has\s+)?occurred)
"""

_PATTERNS = {
    Marker.COMMENTS: _COMMENTS,
    Marker.RELATED: _RELATED,
    Marker.SHARE: _SHARE,
    Marker.SUBSCRIBE: _SUBSCRIBE,
    Marker.LEGAL: _LEGAL,
    Marker.CREDIT: _CREDIT,
    Marker.NAVIGATION: _NAVIGATION,
    Marker.TAGS: _TAGS,
    Marker.ABOUT: _ABOUT,
    Marker.CMS: _CMS,
    Marker.SIGNATURE: _SIGNATURE,
}

# Leading bullets, numbers of a list ("1."), quotes and spaces, skipped before matching.
_LEAD = r"[\s\-–—*+•·▪►>|#~_\[(]*"


#: Lines longer than this are prose, whatever words they start with.
MAX_WORDS = 30


# Words of a subscription or follow box anywhere in a line: enough, below the article,
# to say that the page furniture has begun (inside the article they may be reported).
_TAIL_WORDS = (
    r"\b(?:newsletters?|(?:your|our|free)\s+subscription|subscriptions?\s+(?:service|offer|plan)|"
    r"(?:thanks|thank\s+you)\s+for\s+subscribing|by\s+subscribing|inbox|unsubscribe|"
    r"subscribe\s+(?:now|today|here|for\b|to\s+(?:our|the|this|\S+[’']s)\b)|^\W*subscribe\b|"
    r"sign\s+up\b.{0,60}?\b(?:newsletters?|inbox|alerts)\b|"
    r"follow\s+.{1,60}?\s+on\s+(?:facebook|twitter|instagram|linkedin|youtube)|"
    r"share\s+(?:it|this)\s+with|click\s+here|all\s+rights\s+reserved|"
    r"privacy\s+policy|data\s+protection|personal\s+data|if\s+you\s+buy\s+something|"
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}|"
    r"abonnez|abonnement|abonnieren|suscr[ií]b|iscriviti|assine|inscreva)"
)


_FOOTER = (
    r"all\s+rights\s+reserved|tous\s+droits\s+réservés|alle\s+rechte\s+vorbehalten|"
    r"todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|"
    r"todos\s+os\s+direitos\s+reservados|все\s+права\s+защищены"
)


def footer(lowered: str) -> bool:
    """``lowered`` is the rights line of a page footer."""
    return _reader().footer(lowered)


#: Words every match of _TAIL_WORDS holds: looked for first, at memchr speed.
_TAIL_HINTS = (
    "newsletter", "subscri", "inbox", "sign", "follow", "share", "click", "rights", "privacy",
    "data", "buy", "@", "abonn", "suscr", "iscriviti", "assine", "inscreva",
)  # fmt: skip


#: Characters at the start of a line searched for tail words.
TAIL_HEAD = 400


def tail_marker(lowered: str) -> bool:
    """``lowered`` holds words of a subscription, follow or legal box (in its first
    :data:`TAIL_HEAD` characters)."""
    return _reader().tail_words([lowered])[0]


def tail_words(lowered: list[str]) -> list[bool]:
    """:func:`tail_marker` of each line."""
    return _reader().tail_words(lowered)


# What a marked line can start with: the first word of a pattern above (after the leading
# bullets), a word that starts sentences too followed by the second word of a pattern,
# or one of the characters of _SPECIAL; or it holds an e-mail address or a credit's
# words, or it ends with a colon ("X says:"). Checked first, so that most lines, which
# are none of these, cost a set lookup instead of a pass of the big pattern.
_FIRST_WORDS = frozenset(
    """
    comment comments commentaire commentaires kommentar kommentare leserkommentare comentario
    comentarios comentário comentários commenti komentar komentarze reacties reactions réactions
    reacciones reazioni reações комментари комментарий комментария комментарии leave post add
    submit laisser ajouter écrire poster réagir einen diskutieren deja dejar escribe añadir
    agregar lascia scrivi aggiungi nessun deixe deixar escreva adicione tinggalkan laat reply
    replydelete répondre antworten responder rispondi balas ответить permalink
    related recommended popular trending don't don’t explore similar lire à voir lesen mehr
    meistgelesen lee noticias ver leggi potrebbe articoli vedi leia veja notícias mais saiba
    share follow tweet pin partager partagez suivez suivez-nous retrouvez retrouvez-nous teilen
    folgen compartir comparte síguenos siga sigue siganos siga-nos condividi seguici seguite
    seguiteci compartilhe compartilha partilhe partilha curta
    subscribe register newsletter newsletters inscrivez-vous abonnez-vous recevez jetzt
    abonnieren anmelden registrieren suscríbete suscribirse regístrate recibe iscriviti abbonati
    ricevi assine inscreva-se cadastre-se receba
    copyright (c) privacy terms cookie disclaimer tous mentions politique alle impressum datenschutz todos
    aviso política tutti riproduzione termos
    reporting additional writing editing edited compiled produced contributing write reach
    originally contact email source sources quelle fuente fonte avec rédaction redaktion
    redacción redazione redação updated publié aktualisiert veröffentlicht actualizado
    publicado aggiornato pubblicato atualizado
    home menu search login logout skip toggle close accueil rechercher connexion mon startseite
    suche mein inicio buscar iniciar cerca accedi início pesquisar entrar minha vor hace há
    tag tags tagged filed category categories topic topics keyword keywords mots-clés mots thème
    thèmes schlagwörter schlagworte themen etiquetas temas argomenti tópicos palavras-chave palavras
    about über acerca sobre informazioni
    php warning notice fatal parse deprecated strict error exception undefined null nan lorem
    javascript browser media
    posted submitted posté publié gepostet geschrieben publicado postado inviato scritto
    pubblicato commento report flag signaler missbrauch denunciar segnala vote thumbs recommend
    dislike j'aime j’aime utilizamos usamos utilizziamo
    """.split()
)
#: First words that start sentences as well: the line must go on with one of these
#: (or stop there).
_AMBIGUOUS = {
    word: frozenset(second.split())
    for word, second in {
        "a": "proposito", "i": "più", "il": "mio y", "les": "plus commentaires", "das": "könnte",
        "lo": "más", "se": "connecter", "con": "información", "com": "informações",
        "mit": "material", "my": "account", "sur": "le", "te": "puede", "mi": "cuenta",
        "mis": "à", "this": "material copy article story slideshow site website web", "by": "submitting"
        " registering continuing using", "you": "may might must are", "all": "comments rights",
        "with": "post wires a files file report reports reporting", "your": "browser", "an": "error", "please": "enable log",
        "more": "from on about in stories news like", "also": "read on",
        "other": "stories articles news posts videos", "top": "rated stories articles news"
        " posts videos", "latest": "comments stories articles news posts videos",
        "recent": "comments stories articles news posts videos", "most": "read popular viewed"
        " shared commented discussed", "see": "also more all", "read": "more also next all",
        "new": "comments", "show": "comments new all", "view": "comments all",
        "load": "comments more", "loading": "comments", "user": "comments", "reader": "comments",
        "hide": "comments", "start": "the", "join": "the discussion conversation our us",
        "want": "to", "log": "in out", "tell": "us", "what": "do", "keep": "an", "get": "our the",
        "receive": "our the", "thanks": "for", "find": "us", "like": "us this", "connect": "with",
        "click": "to here", "sign": "up in out", "back": "to", "main": "menu", "account": "settings",
        "last": "updated", "posted": "in at on", "published": "on at", "thank": "you",
        "link": "permanente", "lien": "permanent", "enlace": "permanente",
        "written": "by", "in": "reply", "en": "réponse respuesta poursuivant", "als": "antwort",
        "we": "use store", "our": "site website web", "accept": "all cookies",
        "allow": "all cookies", "reject": "all cookies", "manage": "all cookies", "ce": "site",
        "nous": "utilisons", "diese": "seite webseite website", "wir": "verwenden nutzen",
        "este": "sitio site", "esta": "web", "questo": "sito",
    }.items()
}  # fmt: skip
_SPECIAL = frozenset("0123456789([{$%©ⓒ")
_AUTHORS = ("reporter", "writer", "editor", "correspondent", "columnist", "contributor", "curator",
            "journalist", "critic", "blogger")  # fmt: skip
_LEAD_CHARS = " \t-–—*+•·▪►>|#~_[("
_TOKEN_END = ":.!?…,;)]|»›→"


def marker(lowered: str) -> Marker | None:
    """The kind of page furniture a lower-cased line starts with, if any.

    The core first tests the line's first words (a line that starts with none of
    _FIRST_WORDS, no ambiguous word followed by its second word, none of _SPECIAL, holds
    no e-mail address alone, no credit's words and ends with no colon cannot match), so
    that most lines cost no pass of the big pattern."""
    found = _reader().marker(lowered)
    return None if found is None else _KINDS[found]


# A comment's signature at the end of its text, as some extractors glue them: "... Posted
# by marta on March 3, 2009 4:20 PM Report this comment". It needs a time of day, so
# that "written by the director" in an article's sentence is no signature. ("[|]", not
# "\|", before "|": translate.py takes "||" for syntax of the regex module.)
_SIGNED = (
    r"(?:posted|submitted|written|posté|publié|gepostet|geschrieben|publicado|postado|inviato|"
    r"scritto)\s+(?:by|par|von|por|da)\s*:?\s*[^|\n\d]{1,60}?\s*(?:[|]|\bon\b|\bat\b|\ble\b|\bam\b|"
    r"\bel\b|\bem\b|\bil\b|,)\s*[^|\n]{0,40}?\d{1,2}[:h.]\d{2}"
    r"|(?:report|reply\s+to)\s+this\s+comment\W*$|signaler\s+ce\s+commentaire\W*$"
)


#: Characters at the end of a paragraph searched for a signature.
SIGNATURE_TAIL = 160


#: Words every signature holds: looked for first, at memchr speed, in every paragraph.
_SIGNED_HINTS = (
    "posted", "submitted", "written", "posté", "publié", "gepostet", "geschrieben",
    "publicado", "postado", "inviato", "scritto", "comment",
)  # fmt: skip


#: The hints of both kinds. The rules that read the structure view declare them
#: (``@rule(literals=PAGE_HINTS.literals)``): the Checker's one literal pass per document
#: then tells which of them a page holds (:func:`~newslint.checking.prefilter.present_in`).
PAGE_HINTS = LiteralIndex((*_SIGNED_HINTS, *_TAIL_HINTS))
_SIGNED_FOLDED = frozenset(hint.casefold() for hint in _SIGNED_HINTS)
_TAIL_FOLDED = frozenset(hint.casefold() for hint in _TAIL_HINTS)


def page_hints(doc: Document) -> tuple[bool, bool]:
    """Whether ``doc`` may hold a comment signature (:func:`signed`) and words of a
    subscription, follow or legal box (:func:`tail_marker`): a page without them costs
    nothing more per paragraph."""
    present = present_in(doc, PAGE_HINTS)
    return not present.isdisjoint(_SIGNED_FOLDED), not present.isdisjoint(_TAIL_FOLDED)


def signed(lowered: str) -> bool:
    """A lower-cased paragraph ends with a comment's signature or its buttons (in its
    last :data:`SIGNATURE_TAIL` characters)."""
    return _reader().signed([lowered])[0]


def signed_tails(texts: list[str]) -> list[bool]:
    """:func:`signed` of the end of each paragraph (``text[-SIGNATURE_TAIL:]``, lower-cased)."""
    return _reader().signed([text[-SIGNATURE_TAIL:].lower() for text in texts])


def line_marker(text: str, lowered: str) -> Marker | None:
    """:func:`marker` of a line (``lowered`` is ``text`` lower-cased), where an "About"
    heading must name something ("About Acme Inc.", "About my6sense", "Sobre a Acme"),
    not "About this rating" or "About the author"."""
    return _named(marker(lowered), text)


def line_markers(texts: list[str], lowered: list[str | None]) -> list[Marker | None]:
    """:func:`line_marker` of each line of a page (None where ``lowered`` is None)."""
    found = _reader().markers(lowered)
    return [
        None if kind is None else _named(_KINDS[kind], text)
        for kind, text in zip(found, texts, strict=True)
    ]


def _named(found: Marker | None, text: str) -> Marker | None:
    """``found``, but None for an "About" heading that names nothing."""
    if found is Marker.ABOUT:
        rest = text.split()[1:]
        if not any(map(str.istitle, rest)) and (not rest or rest[0].lower() in _NOT_A_NAME):
            return None
    return found


#: Words after "About" that start no name ("About this rating", "Über uns").
_NOT_A_NAME = frozenset(
    "this these that the our us me it a an ce cette cet ces nous diese dieser dieses uns"
    " este esta estos nosotros nós questo questa noi".split()
)


# Months of the languages above, as dates write them (abbreviated or not).
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|fév|mars|avr|mai|juin|juil|"
    "août|sept|déc|januar|februar|märz|juni|juli|dezember|ene|abr|ago|dic|gen|mag|giu|lug|"
    "set|ott|dez|fev|out"
)
#: A date or a time of day in a lower-cased line (the structure view's date_time).
DATE_TIME = (
    r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|"
    rf"\b(?:{_MONTHS})[a-zé]*\.?,? \d{{1,4}}\b|\b\d{{1,2}}\.? (?:{_MONTHS})[a-zé]*\b"
)


def dates(lowered: list[str]) -> list[bool]:
    """Whether each lower-cased line holds a date or a time of day (:data:`DATE_TIME`)."""
    return _reader().dates(lowered)


#: The kinds, in the order of the marker pattern's groups (the core's kind indexes).
_KINDS = tuple(_PATTERNS)
#: The patterns the core matches, by its index (``core/src/markers.rs``), with the flags
#: they are read with: the kinds behind _LEAD, the tail words, signatures, the footer's
#: rights line and dates.
_SOURCES: tuple[tuple[tuple[str, ...], int], ...] = (
    ((_LEAD, *_PATTERNS.values()), re.VERBOSE),
    ((_TAIL_WORDS,), 0),
    ((_SIGNED,), 0),
    ((_FOOTER,), 0),
    ((DATE_TIME,), 0),
)
#: The first of the private-use characters that stand for characters a pattern names
#: on which Python's ``re`` and the core disagree ("ⓒ", a word character for the core).
_STANDINS = 0xE000


def marker_reader() -> _core.MarkerReader:
    """The core's matcher of this process, which the core's segmentation reads too
    (``core/src/segment.rs``: tail words and footers)."""
    return _reader()


@cache
def _reader() -> _core.MarkerReader:
    """The core's matcher, given the first-word test's words (its patterns come later,
    each on first use, from :func:`_source`)."""
    return _core.MarkerReader(
        set(_FIRST_WORDS),
        {word: set(seconds) for word, seconds in _AMBIGUOUS.items()},
        "".join(sorted(_SPECIAL)),
        _LEAD_CHARS,
        _TOKEN_END,
        list(_AUTHORS),
        set(_NOT_A_NAME),
        list(_SIGNED_HINTS),
        list(_TAIL_HINTS),
        char_properties,
        _source,
    )


_Source = tuple[list[str], list[str], dict[str, str]]


@cache
def _sources_version() -> str:
    here = Path(__file__).resolve().parent
    return code_version(
        [here / "markers.py", here.parent / "declarative" / "translate.py"],
        f"{sys.version_info[:2]} {_core.__version__}",
    )


#: The patterns in the core's syntax, kept between runs: reading and translating them
#: costs a third of the first page's structure (``newslint/disk_cache.py``).
SOURCES = DiskCache("marker-sources", _sources_version)


def _source(index: int) -> _Source:
    """The pieces of pattern ``index`` (see _SOURCES: the marker pattern's are _LEAD and
    each kind) in the core's syntax, exact and without word boundaries (the core's
    quick first test); and the characters they name that the core replaces with
    private-use ones, in the pattern and in the texts alike (the core classes them
    otherwise than Python: see ``core/src/markers.rs``). Kept in :data:`SOURCES`."""
    pieces, flags = _SOURCES[index]
    key = "\0".join([str(flags), *pieces])
    kept = SOURCES.peek("source", key)
    if kept is not None:
        exact, relaxed, remap = kept
        return list(exact), list(relaxed), dict(remap)
    found = _written(index)
    SOURCES.put("source", key, list(found))
    SOURCES.save()
    return found


def _written(index: int) -> _Source:
    """What :func:`_source` keeps, computed."""
    from newslint.declarative.translate import sre_parse

    pieces, flags = _SOURCES[index]
    named = set().union(*(_named_characters(sre_parse.parse(piece, flags)) for piece in pieces))
    disagreed = sorted(code for code in named if not _reader().agrees(code))
    remap = {chr(code): chr(_STANDINS + rank) for rank, code in enumerate(disagreed)}
    table = {ord(named): standin for named, standin in remap.items()}
    written = [_translated(piece.translate(table), flags) for piece in pieces]
    return [exact for exact, _ in written], [relaxed for _, relaxed in written], remap


def _translated(pattern: str, flags: int) -> tuple[str, str]:
    """``pattern`` in the core's syntax, exact and relaxed."""
    from newslint.declarative.translate import translate

    translation = translate(pattern, "re", flags, multiline=False)
    if translation.exact is None or translation.relaxed is None:
        raise ValueError(f"a marker pattern the core cannot match: {translation.reason}")
    return translation.exact, translation.relaxed


def _named_characters(tree: Any) -> set[int]:
    """The characters a parsed pattern names (literals, members of its classes); one the
    core would replace may not be in a range (it could not be replaced there)."""
    from newslint.declarative.translate import sre

    found: set[int] = set()
    for op, av in tree:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            found.add(av)
        elif op is sre.IN:
            for item, value in av:
                if item is sre.LITERAL:
                    found.add(value)
                elif item is sre.RANGE:
                    low, high = value
                    if not all(map(_reader().agrees, range(low, high + 1))):
                        raise ValueError(
                            "a range of a marker pattern holds a character the core classes otherwise"
                        )
                    found.update(range(low, high + 1))
        elif op is sre.BRANCH:
            found = found.union(*map(_named_characters, av[1]))
        elif op is sre.SUBPATTERN:
            found |= _named_characters(av[3])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found |= _named_characters(av[2])
    return found
