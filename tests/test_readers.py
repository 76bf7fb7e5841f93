"""Readers: bytes to documents (encodings, bad input) and the folder walk."""

from __future__ import annotations

import codecs
import io
import os
import sys
from pathlib import Path

import pytest

import newslint.io.readers.text as text_reader
from newslint.config.settings import Settings
from newslint.io.readers import iter_sources
from newslint.io.readers.decoding import decode, looks_binary
from newslint.io.readers.text import read_text
from newslint.plugins import plugin_manager
from newslint.rules import builtin_rules

ARTICLE = (
    "Menace de sanctions «rapides et sévères»\n"
    "Le secrétaire d'État américain Blinken et le ministre russe Sergueï Lavrov se sont "
    "de nouveau entretenus au téléphone.\n"
)


def read_one(path: Path | str, settings: Settings | None = None):
    [doc] = list(read_text(str(path), settings or Settings()))
    return doc


def x001() -> list:
    return [r for r in builtin_rules() if r.code == "X001"]


@pytest.mark.parametrize(
    ("encoded", "name"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8 with BOM"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le with BOM"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be with BOM"),
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le with BOM"),
    ],
)
def test_text_reader_decodes_utf8_and_bom_marked_files(tmp_path, encoded, name):
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    doc = read_one(path)
    assert doc.text == ARTICLE, name  # the BOM is not part of the text
    assert doc.problems == ()
    assert doc.path == str(path)
    assert doc.record is None


def test_text_reader_decodes_utf32_be_with_bom(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be"))
    doc = read_one(path)
    assert (doc.text, doc.problems) == (ARTICLE, ())


def test_the_language_from_settings_is_given_to_the_document(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("The Kremlin denies it.", encoding="utf-8")
    assert read_one(path, Settings(language="fr")).language == "fr"
    assert read_one(path).lang is None


def test_invalid_utf8_is_reported_with_its_byte_offset_and_the_rest_is_linted(
    tmp_path, shouting_plugin, check_with
):
    # line 2 was saved in Latin-1 by the scraper: "é" is the single byte E9
    line1 = "Menace de sanctions «rapides et sévères»\n".encode()
    line2 = "Le ministre russe des Affaires étrangères a démenti.\n".encode("latin-1")
    line3 = "LA RUSSIE MASSE DES TROUPES À LA FRONTIÈRE\n".encode()
    path = tmp_path / "article.txt"
    path.write_bytes(line1 + line2 + line3)
    doc = read_one(path)

    byte = len(line1) + line2.index(b"\xe9")
    [problem] = doc.problems
    assert f"invalid UTF-8 at byte {byte}" in problem.message
    assert (
        doc.text.splitlines()[1]
        == "Le ministre russe des Affaires \ufffdtrang\ufffdres a d\ufffdmenti."
    )
    assert doc.text.splitlines()[2] == "LA RUSSIE MASSE DES TROUPES À LA FRONTIÈRE"

    rules = [*x001(), shouting_plugin.shouting_line]
    findings = check_with(doc, rules)
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("X001", 2, len("Le ministre russe des Affaires ") + 1),
        ("ZZZ001", 3, 1),
    ]


def test_the_byte_offset_of_invalid_utf8_counts_the_bom(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Moscou dément. Kiev ".encode() + b"r\xe9pond.")
    [problem] = read_one(path).problems
    byte = path.read_bytes().index(b"\xe9")  # 3 (BOM) + 18
    assert f"at byte {byte}:" in problem.message


def test_decode_reports_the_first_bad_byte_as_a_character_offset():
    text, [problem] = decode("Sergueï ".encode() + b"Lavrov \xff\xfe a dit")
    assert text == "Sergueï Lavrov \ufffd\ufffd a dit"
    assert problem.offset == len("Sergueï Lavrov ")
    assert problem.code == "X001"
    assert "byte 16" in problem.message


def test_a_binary_file_is_reported_and_not_linted(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00")
    doc = read_one(path)
    assert doc.text == ""
    [problem] = doc.problems
    assert "binary file" in problem.message
    assert looks_binary(path.read_bytes())
    assert not looks_binary(codecs.BOM_UTF16_LE + "Kiev".encode("utf-16-le"))


def test_a_file_that_cannot_be_read_gives_a_document_with_the_problem(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(source, limit):
        raise PermissionError(13, "Permission denied", source)

    monkeypatch.setattr(text_reader, "_read", refuse)
    doc = read_one(path, Settings(language="fr"))
    assert (doc.text, doc.path, doc.lang) == ("", str(path), "fr")
    [problem] = doc.problems
    assert problem.message == "cannot read file: Permission denied"


def test_a_folder_named_as_a_file_gives_a_document_with_the_problem(tmp_path):
    [problem] = read_one(tmp_path).problems
    assert problem.message.startswith("cannot read file: ")


def test_standard_input_is_read_as_bytes(monkeypatch):
    data = codecs.BOM_UTF8 + ARTICLE.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read_one("-")
    assert (doc.path, doc.text) == ("-", ARTICLE)


def test_the_text_reader_is_the_fallback_of_the_read_hook(tmp_path):
    path = tmp_path / "dépêche.afp"  # any file no other reader claims is read as text
    path.write_text(ARTICLE, encoding="utf-8")
    pm = plugin_manager(load_entry_points=False)
    [doc] = list(pm.hook.newslint_read(source=str(path), settings=Settings()))
    assert doc.text == ARTICLE


# --- folder walk


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")


def relative(sources, root: Path) -> list[str]:
    return [Path(s).relative_to(root).as_posix() for s in sources]


def test_folder_walk_is_recursive_sorted_and_keeps_text_files(tmp_path):
    touch(
        tmp_path,
        "zz-ukraine.txt",
        "notes.MD",
        "photo.jpg",
        "build.py",
        "2022/janvier/02-lavrov.txt",
        "2022/janvier/01-blinken.txt",
        "2022/février/otan.txt",
        "2021/archive.md",
    )
    assert relative(iter_sources([str(tmp_path)]), tmp_path) == [
        "notes.MD",
        "zz-ukraine.txt",
        "2021/archive.md",
        "2022/février/otan.txt",
        "2022/janvier/01-blinken.txt",
        "2022/janvier/02-lavrov.txt",
    ]


def test_paths_keep_their_order_and_files_and_stdin_pass_through(tmp_path):
    touch(tmp_path, "b/one.txt", "a/two.txt")
    sources = list(iter_sources([str(tmp_path / "b"), "-", "corpus.csv", str(tmp_path / "a")]))
    assert sources == [
        str(tmp_path / "b" / "one.txt"),
        "-",
        "corpus.csv",
        str(tmp_path / "a" / "two.txt"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_loop_is_walked_once(tmp_path):
    touch(tmp_path, "fr/article.txt", "fr/en/story.txt")
    (tmp_path / "fr" / "en" / "back").symlink_to(tmp_path / "fr", target_is_directory=True)
    (tmp_path / "fr" / "self").symlink_to(".", target_is_directory=True)
    assert relative(iter_sources([str(tmp_path)]), tmp_path) == [
        "fr/article.txt",
        "fr/en/story.txt",
    ]
