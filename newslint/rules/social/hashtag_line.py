"""H001 hashtag-line."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import line_violation, rule

HASHTAG = re.compile(r"(?<![\w&#])#([^\W_][\w]*)")


@rule(
    code="H001",
    name="hashtag-line",
    severity="error",
    fixable=True,
    options={
        "min_hashtags": Option(3, minimum=1),
        "min_share": Option(0.6, minimum=0.0, maximum=1.0),
    },
    requires=("#",),
)
def hashtag_line(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A line made (mostly) of hashtags.

    What it flags: a paragraph with at least ``min_hashtags`` hashtags (default 3) that
    make up at least ``min_share`` of its words (default 0.6): the keyword line that
    sites and aggregators generate under a headline.

    Why it matters: it is not part of the article; auto-generated tags often glue words
    (``#Blinkenexhorte``) and pollute any text model.

    Example: "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes" gives H001. A
    sentence with one hashtag ("Le mot-clé #MeToo s'est répandu en 2017.") gives
    nothing.

    Fix: delete the line (safe).
    """
    for paragraph in doc.paragraphs:
        if "#" not in paragraph.text:
            continue
        tags = HASHTAG.findall(paragraph.text)
        words = paragraph.text.split()
        if len(tags) >= options["min_hashtags"] and len(tags) >= options["min_share"] * len(words):
            yield line_violation(
                doc,
                paragraph.number,
                f"line of {len(tags)} hashtags, not article text",
                "Delete the hashtag line",
            )
