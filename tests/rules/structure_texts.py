"""Article paragraphs in six languages for the tests of the structure view and of the
rules on top of it (H006, B015, B016, B017): a short local news story, written for
these tests, as a scraper delivers it, one paragraph per line."""

from __future__ import annotations

ARTICLES = {
    "en": [
        "The city council approved a revised budget on Tuesday after a long debate over the"
        " cost of repairing the old bridge across the river.",
        "Members voted seven to two in favour of the plan, which moves money from road"
        " resurfacing to the bridge and delays two smaller projects until next year.",
        "The mayor said the decision was difficult but necessary, because engineers had"
        " warned that the structure could not carry heavy traffic for much longer.",
        "Work on the bridge is expected to begin in the spring and should take about"
        " eighteen months, according to the council's own estimate.",
    ],
    "fr": [
        "Le conseil municipal a adopté mardi soir un budget révisé, après un long débat sur"
        " le coût de la rénovation du vieux pont qui enjambe la rivière.",
        "Les élus ont voté à sept voix contre deux en faveur du projet, qui transfère une"
        " partie des crédits prévus pour les routes vers le chantier du pont.",
        "Le maire a reconnu que la décision était difficile, mais il a rappelé que les"
        " ingénieurs jugeaient l'ouvrage trop fragile pour supporter encore les camions.",
        "Les travaux devraient commencer au printemps et durer environ dix-huit mois, selon"
        " les estimations présentées aux conseillers.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstagabend nach einer langen Debatte über die Kosten für die"
        " Sanierung der alten Brücke einen geänderten Haushalt beschlossen.",
        "Mit sieben zu zwei Stimmen stimmten die Mitglieder für den Plan, der Geld aus der"
        " Straßensanierung in die Brücke umschichtet und zwei kleinere Projekte verschiebt.",
        "Der Bürgermeister sagte, die Entscheidung sei schwierig gewesen, aber notwendig, weil"
        " die Ingenieure vor der Belastung durch schwere Lastwagen gewarnt hätten.",
        "Die Arbeiten sollen im Frühjahr beginnen und nach Schätzung der Verwaltung etwa"
        " achtzehn Monate dauern.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes un presupuesto revisado tras un largo debate sobre"
        " el coste de la reparación del viejo puente que cruza el río.",
        "Los concejales votaron siete a dos a favor del plan, que traslada fondos de la"
        " repavimentación de calles a las obras del puente y aplaza dos proyectos menores.",
        "El alcalde reconoció que la decisión fue difícil, pero recordó que los ingenieros"
        " habían advertido de que la estructura no soportaría mucho más el tráfico pesado.",
        "Las obras comenzarán en primavera y durarán unos dieciocho meses, según las"
        " estimaciones presentadas a los concejales.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì sera un bilancio rivisto, dopo un lungo"
        " dibattito sul costo del restauro del vecchio ponte sul fiume.",
        "I consiglieri hanno votato sette a due a favore del piano, che sposta una parte dei"
        " fondi destinati alle strade verso il cantiere del ponte.",
        "Il sindaco ha ammesso che la decisione è stata difficile, ma ha ricordato che gli"
        " ingegneri avevano giudicato la struttura troppo fragile per il traffico pesante.",
        "I lavori dovrebbero cominciare in primavera e durare circa diciotto mesi, secondo le"
        " stime presentate in aula.",
    ],
    "pt": [
        "A câmara municipal aprovou na terça-feira um orçamento revisto, depois de um longo"
        " debate sobre o custo da reparação da velha ponte sobre o rio.",
        "Os vereadores votaram sete a dois a favor do plano, que transfere parte das verbas"
        " previstas para as estradas para a obra da ponte.",
        "O prefeito admitiu que a decisão foi difícil, mas lembrou que os engenheiros tinham"
        " alertado que a estrutura não aguentaria por muito mais tempo o tráfego pesado.",
        "As obras devem começar na primavera e durar cerca de dezoito meses, segundo as"
        " estimativas apresentadas aos vereadores.",
    ],
}


def page(lang: str, before: list[str] | None = None, after: list[str] | None = None) -> str:
    """The article of ``lang`` with ``before`` and ``after`` lines around it."""
    return "\n".join([*(before or []), *ARTICLES[lang], *(after or [])]) + "\n"
