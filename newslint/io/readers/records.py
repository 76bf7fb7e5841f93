"""From one record of a corpus file (a JSON object, a Parquet or CSV row) to a Document,
with the field mapping of the settings; shared by the JSONL, CSV and Parquet readers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newslint.config.settings import Settings
from newslint.model.document import Document, InputProblem

# Field names tried when the settings do not name one, in order: newslint's own,
# trafilatura's JSON output, datatrove's Document (metadata.*), common scraper dumps.
DEFAULT_ID_FIELDS = ("id", "doc_id", "uuid", "url", "metadata.url", "source")
DEFAULT_TITLE_FIELDS = ("title", "metadata.title", "headline")
DEFAULT_LANG_FIELDS = ("lang", "language", "metadata.language", "metadata.lang")
# The site of a record (for the corpus-wide C rules): a site name, or a URL whose host is.
DEFAULT_SITE_FIELDS = ("site", "url", "metadata.url", "source_url", "link")


def lookup(record: Mapping[str, Any], path: str) -> Any:
    """``record["a"]["b"]`` for ``"a.b"``; a key that contains the dot wins."""
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _first(record: Mapping[str, Any], chosen: str | None, defaults: tuple[str, ...]) -> Any:
    for path in (chosen,) if chosen else defaults:
        value = lookup(record, path)
        if value not in (None, ""):
            return value
    return None


def record_document(
    record: Any,
    path: str,
    number: int | None,
    settings: Settings,
    problems: tuple[InputProblem, ...] = (),
) -> Document:
    """The Document for one record; a record without usable text gets an X001 problem.

    With ``settings.keep_records`` the whole record rides along in ``metadata["record"]``
    so that ``newslint clean`` can write it out again, repaired or rejected.
    """
    kept = {"record": record} if settings.keep_records else {}
    if not isinstance(record, Mapping):
        kind = type(record).__name__
        return problem_document(path, number, f"record is a JSON {kind}, not an object", None, kept)
    record_id = _first(record, settings.id_field, DEFAULT_ID_FIELDS)
    record_id = None if record_id is None else str(record_id)
    text = lookup(record, settings.text_field)
    if not isinstance(text, str):
        what = "has no" if text is None else f"has a {type(text).__name__} in its"
        message = f"record {what} text field '{settings.text_field}'"
        return problem_document(path, number, message, record_id, kept)
    title = _first(record, settings.title_field, DEFAULT_TITLE_FIELDS)
    lang = _first(record, settings.lang_field, DEFAULT_LANG_FIELDS)
    site = _first(record, settings.site_field, DEFAULT_SITE_FIELDS)
    if isinstance(site, str):
        kept["site"] = site
    return Document(
        text=text,
        path=path,
        record=record_id,
        record_number=number,
        title=title if isinstance(title, str) else None,
        lang=lang if isinstance(lang, str) else settings.language,
        problems=problems,
        metadata=kept,
    )


def problem_document(
    path: str,
    number: int | None,
    message: str,
    record_id: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Document:
    """An empty document that only carries an input problem, so the run goes on."""
    problem = (InputProblem(message),)
    return Document(
        "", path, record=record_id, record_number=number, problems=problem, metadata=metadata or {}
    )
