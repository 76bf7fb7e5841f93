"""M: mistranslation and garbling (broken sentences, doubled words, foreign passages)."""
