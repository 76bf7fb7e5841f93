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
        "Residents who use the bridge every day said they were relieved that the council had"
        " finally found the money, even if the works will mean long detours for a while.",
        "The opposition criticised the decision to delay the cycle lane and the park, and said"
        " it would ask for a new vote on both projects at the next meeting.",
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
        "Les riverains qui empruntent le pont chaque jour se sont dits soulagés que la commune"
        " ait enfin trouvé l'argent, même si le chantier imposera de longs détours.",
        "L'opposition a critiqué le report de la piste cyclable et du parc, et a annoncé qu'elle"
        " demanderait un nouveau vote sur les deux projets lors de la prochaine séance.",
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
        "Anwohner, die die Brücke täglich nutzen, zeigten sich erleichtert, dass die Stadt das"
        " Geld gefunden hat, auch wenn die Bauarbeiten lange Umwege bedeuten werden.",
        "Die Opposition kritisierte die Verschiebung des Radwegs und des Parks und kündigte an,"
        " in der nächsten Sitzung eine neue Abstimmung über beide Projekte zu beantragen.",
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
        "Los vecinos que cruzan el puente cada día se mostraron aliviados de que el ayuntamiento"
        " haya encontrado por fin el dinero, aunque las obras obligarán a largos desvíos.",
        "La oposición criticó el aplazamiento del carril bici y del parque, y anunció que pedirá"
        " una nueva votación sobre ambos proyectos en el próximo pleno.",
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
        "I residenti che attraversano il ponte ogni giorno si sono detti sollevati che il comune"
        " abbia finalmente trovato i soldi, anche se i lavori imporranno lunghe deviazioni.",
        "L'opposizione ha criticato il rinvio della pista ciclabile e del parco, e ha annunciato"
        " che chiederà un nuovo voto su entrambi i progetti nella prossima seduta.",
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
        "Os moradores que atravessam a ponte todos os dias disseram-se aliviados por a câmara ter"
        " finalmente encontrado o dinheiro, mesmo que as obras obriguem a longos desvios.",
        "A oposição criticou o adiamento da ciclovia e do parque, e anunciou que vai pedir uma"
        " nova votação sobre os dois projetos na próxima reunião.",
    ],
}


def page(lang: str, before: list[str] | None = None, after: list[str] | None = None) -> str:
    """The article of ``lang`` with ``before`` and ``after`` lines around it."""
    return "\n".join([*(before or []), *ARTICLES[lang], *(after or [])]) + "\n"


#: Articles that are lists (a recipe, the steps of a guide, a ranking), as an extractor
#: delivers them: the list is the article, not a menu.
LIST_ARTICLES = {
    "en": [
        "Lemon drizzle cake",
        "This classic bake takes less than an hour and keeps for days in a tin, which makes"
        " it the perfect cake for a busy week.",
        "Ingredients",
        "- 225g unsalted butter, softened",
        "- 225g caster sugar",
        "- 4 large eggs",
        "- 275g self-raising flour",
        "- 1 tsp baking powder",
        "- Zest and juice of 2 lemons",
        "- 85g icing sugar",
        "Method",
        "1. Heat the oven to 180C and line a loaf tin with baking paper.",
        "2. Beat the butter and sugar together until pale and creamy, then add the eggs one"
        " at a time.",
        "3. Fold in the flour, baking powder and lemon zest until just combined.",
        "4. Pour into the tin and bake for 45 minutes, until a skewer comes out clean.",
        "5. Mix the lemon juice with the icing sugar and pour it over the warm cake.",
    ],
    "fr": [
        "Comment changer une roue crevée",
        "Une crevaison sur la route n'a rien de dramatique si l'on garde son calme et que"
        " l'on suit quelques étapes simples, dans le bon ordre.",
        "Le matériel",
        "- une roue de secours gonflée",
        "- un cric",
        "- une clé démonte-roue",
        "- un gilet jaune",
        "Les étapes",
        "1. Garez-vous sur une surface plane, allumez les feux de détresse et enfilez le gilet.",
        "2. Desserrez les écrous d'un quart de tour avant de soulever la voiture.",
        "3. Placez le cric au point prévu et levez le véhicule jusqu'à ce que la roue ne"
        " touche plus le sol.",
        "4. Retirez les écrous, changez la roue, puis resserrez les écrous en étoile.",
        "5. Faites vérifier la pression des pneus dès que possible.",
    ],
    "de": [
        "Die zehn größten Städte Deutschlands",
        "Berlin bleibt mit Abstand die größte Stadt des Landes, wie die neuen Zahlen des"
        " Statistischen Bundesamtes zeigen, die am Dienstag veröffentlicht wurden.",
        "1. Berlin – 3,7 Millionen Einwohner",
        "2. Hamburg – 1,9 Millionen",
        "3. München – 1,5 Millionen",
        "4. Köln – 1,1 Millionen",
        "5. Frankfurt am Main – 770.000",
        "6. Stuttgart – 630.000",
        "7. Düsseldorf – 620.000",
        "8. Leipzig – 600.000",
        "9. Dortmund – 590.000",
        "10. Essen – 580.000",
    ],
}
