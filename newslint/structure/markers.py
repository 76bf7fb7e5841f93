"""Words that name a part of a web page rather than tell a story: the header of a comment
section, of a list of related links, a share or follow line, a subscription box, a legal
footer, a credit line, a menu, a tag list, a press release's "About ..." section, CMS
error output and unfilled template placeholders.

Each kind is one regular expression over a lower-cased line (leading bullets and spaces
removed), matched at the start of the line; the words are those of the page templates in
English, French, German, Spanish, Italian and Portuguese (and a few other languages for
the commonest headers), never those of a given site.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from newslint.checking.prefilter import LiteralIndex, present_in
from newslint.model.document import Document


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

_RELATED = r"""
(?:related|more(?=\s*:)|also(?=\s*:)|also\s+on\s+\S+\.\w+|read\s+(?:more|also|next)|also\s+read|more\s+(?:from|on|about|in|stories|news|like\s+this)|
   you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed|shared|commented|discussed)|
   popular(?:\s+(?:on|in|now|posts|stories))?|trending(?:\s+now)?|don[’']t\s+miss|see\s+(?:also|more)|explore\s+further|
   (?:top|latest|recent|more|other|similar)\s+(?:stories|articles|news|posts|videos)|
   lire\s+aussi|à\s+lire\s+(?:aussi|également)|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|voir\s+aussi|
   (?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch\s+interessieren|meistgelesen)|
   (?:lee\s+(?:también|más)|te\s+puede\s+interesar|noticias\s+relacionadas|lo\s+más\s+leído|ver\s+también)|
   (?:leggi\s+anche|potrebbe\s+interessarti|articoli\s+correlati|i\s+più\s+letti|vedi\s+anche)|
   (?:leia\s+(?:também|mais)|veja\s+(?:também|mais)|notícias\s+relacionadas|mais\s+lidas|saiba\s+mais))\b
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


# The patterns below are compiled on first use (``@cache``): compiling them takes
# longer than checking a short text, which most often never needs them (see
# _may_be_marked and the hints).
@cache
def _all() -> re.Pattern[str]:
    """One pattern for all kinds: the first group that matches names the kind."""
    return re.compile(
        _LEAD
        + "(?:"
        + "|".join(f"(?P<{kind.name}>{pattern})" for kind, pattern in _PATTERNS.items())
        + ")",
        re.VERBOSE,
    )


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


@cache
def _tail_words() -> re.Pattern[str]:
    return re.compile(_TAIL_WORDS)


_FOOTER = (
    r"all\s+rights\s+reserved|tous\s+droits\s+réservés|alle\s+rechte\s+vorbehalten|"
    r"todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|"
    r"todos\s+os\s+direitos\s+reservados|все\s+права\s+защищены"
)


@cache
def _footer() -> re.Pattern[str]:
    return re.compile(_FOOTER)


def footer(lowered: str) -> bool:
    """``lowered`` is the rights line of a page footer."""
    return _footer().search(lowered) is not None


#: Words every match of _TAIL_WORDS holds: looked for first, at memchr speed.
_TAIL_HINTS = (
    "newsletter", "subscri", "inbox", "sign", "follow", "share", "click", "rights", "privacy",
    "data", "buy", "@", "abonn", "suscr", "iscriviti", "assine", "inscreva",
)  # fmt: skip


def tail_marker(lowered: str) -> bool:
    """``lowered`` holds words of a subscription, follow or legal box (anywhere)."""
    head = lowered[:400]
    if not any(map(head.__contains__, _TAIL_HINTS)):
        return False
    return _tail_words().search(head) is not None


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
    """The kind of page furniture a lower-cased line starts with, if any."""
    if not _may_be_marked(lowered):
        return None
    match = _all().match(lowered)
    if match is None:
        return None
    return Marker[match.lastgroup] if match.lastgroup else None


def _may_be_marked(lowered: str) -> bool:
    """A necessary condition for :func:`marker` to find something (see _FIRST_WORDS)."""
    stripped = lowered.lstrip(_LEAD_CHARS)
    if not stripped:
        return False
    if lowered[0] in _SPECIAL or stripped[0] in _SPECIAL:
        return True
    tokens = stripped.split(None, 2)
    token = tokens[0].rstrip(_TOKEN_END)
    if token in _FIRST_WORDS or tokens[0].endswith(":"):
        return True
    seconds = _AMBIGUOUS.get(token)
    if seconds is not None:
        second = tokens[1].rstrip(_TOKEN_END) if len(tokens) > 1 else ""
        if not second or second in seconds or second[:1].isdigit():
            return True
    if "@" in lowered and len(tokens) < 3:
        return True  # an e-mail address alone (or "Email: ...")
    if "contribut" in lowered or lowered.rstrip().endswith((":", "...", "…")):
        return True  # "... contributed to this report", "Mark says:", "Mark said..."
    return (" is " in lowered) and any(
        map(lowered.__contains__, _AUTHORS)
    )  # "Jane Doe is a reporter at ..."


# A comment's signature at the end of its text, as some extractors glue them: "... Posted
# by marta on March 3, 2009 4:20 PM Report this comment". It needs a time of day, so
# that "written by the director" in an article's sentence is no signature.
_SIGNED = (
    r"(?:posted|submitted|written|posté|publié|gepostet|geschrieben|publicado|postado|inviato|"
    r"scritto)\s+(?:by|par|von|por|da)\s*:?\s*[^|\n\d]{1,60}?\s*(?:\||\bon\b|\bat\b|\ble\b|\bam\b|"
    r"\bel\b|\bem\b|\bil\b|,)\s*[^|\n]{0,40}?\d{1,2}[:h.]\d{2}"
    r"|(?:report|reply\s+to)\s+this\s+comment\W*$|signaler\s+ce\s+commentaire\W*$"
)


@cache
def _signed() -> re.Pattern[str]:
    return re.compile(_SIGNED)


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
    """A lower-cased paragraph ends with a comment's signature or its buttons."""
    start = max(0, len(lowered) - SIGNATURE_TAIL)
    tail = lowered[start:] if start else lowered
    if not any(map(tail.__contains__, _SIGNED_HINTS)):
        return False
    return _signed().search(tail) is not None


def line_marker(text: str, lowered: str) -> Marker | None:
    """:func:`marker` of a line (``lowered`` is ``text`` lower-cased), where an "About"
    heading must name something ("About Acme Inc.", "About my6sense", "Sobre a Acme"),
    not "About this rating" or "About the author"."""
    found = marker(lowered)
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
