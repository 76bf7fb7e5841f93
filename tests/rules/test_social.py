"""H rules on real social-media residue."""

from __future__ import annotations

HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes #russesfrontière #ukrainienne"
LEAD = (
    "Le secrétaire d'État américain Blinken et le ministre russe Lavrov se sont de nouveau "
    "entretenus au téléphone pour tenter de désamorcer une crise à haut risque."
)


def test_hashtag_line(run_rule):
    findings = run_rule("H001", f"{LEAD}\n{HASHTAGS}\n{LEAD}", lang="fr")
    assert [f.line for f in findings] == [2]
    assert findings[0].fix is not None


def test_hashtag_line_leaves_a_sentence_with_a_tag(run_rule):
    text = "Le mot-clé #MeToo s'est répandu en 2017 sur les réseaux sociaux. #Paris"
    assert run_rule("H001", text, lang="fr") == []


def test_glued_hashtag(run_rule):
    findings = run_rule("H002", f"{LEAD}\n{HASHTAGS}", lang="fr")
    glued = [f.message for f in findings]
    assert glued == [
        "hashtag glues words: 'Blinken' + 'exhorte'",
        "hashtag glues words: 'Lavrov' + 'retirer'",
        "hashtag glues words: 'russes' + 'frontière'",
    ]


def test_glued_hashtag_leaves_words_and_camel_case(run_rule):
    text = "Le mouvement #BlackLivesMatter et les mots-clés #immédiatement #ukrainienne."
    assert run_rule("H002", text, lang="fr") == []


def test_tweet_embed(run_rule):
    text = (
        "I urge all Delhiites to use them whenever needed pic.twitter.com/MYwRzXQ\n"
        "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019\n"
        "The Senate said on its Twitter handle, @NGRSenate, that it would adjourn."
    )
    assert [f.line for f in run_rule("H003", text, lang="en")] == [2]
    assert [f.line for f in run_rule("H004", text, lang="en")] == [1]


def test_handle_line(run_rule):
    text = "Selon le compte @AFP, le ministre a démissionné.\n@AFP @franceinfo\n"
    assert [f.line for f in run_rule("H005", text, lang="fr")] == [2]
