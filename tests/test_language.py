"""Language tags: the known languages newslint checks ``--language`` against are
py3langid's own (kept as a list so that checking a tag does not load the model)."""

from __future__ import annotations

import pytest

from newslint.model.language import KNOWN_LANGUAGES, UnknownLanguageError, _identifier, check_tag


def test_the_known_languages_are_py3langids():
    assert set(_identifier().nb_classes) == KNOWN_LANGUAGES


@pytest.mark.parametrize("tag", ["fr", "FR", "fr-CA", "pt_BR", "zh", "yue"])
def test_known_tags_pass(tag):
    assert check_tag(tag) == tag


@pytest.mark.parametrize("tag", ["xx", "qq-QQ", "klingon", ""])
def test_unknown_tags_say_which_are_known(tag):
    with pytest.raises(
        UnknownLanguageError, match=r"unknown language tag .*known: ace, af, am, an"
    ):
        check_tag(tag)
