"""``newslint server`` end to end: a real LSP client (pytest-lsp) drives the server in a
subprocess over stdio.

Needs the ``lsp`` extra (pygls) and pytest-lsp, both in the ``test`` extra: without them
these tests skip (a failure under .ci/run, which installs the extra).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, cli_json, readme_snippet, require_tool

try:
    import pytest_lsp
    from lsprotocol import types
    from pytest_lsp import ClientServerConfig, LanguageClient
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

    from newslint.server import lsp as _server  # noqa: F401  (pygls is there)
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
    MISSING: str | None = str(exc)
else:
    MISSING = None

EXAMPLE = REPO / "examples" / "fr-blinken-lavrov.txt"
MARK_RULE = (REPO / "tests" / "test_columns.py").read_text(encoding="utf-8")
MARK_RULE = MARK_RULE[
    MARK_RULE.index('MARK_RULE = """\\\n') + 17 : MARK_RULE.index('"""\n#: Lines')
]
UNICODE_LINES = [
    "Sergueï Lavrov a démenti, déjà MARK ici.",
    "Le ministre 😀 a souri 🇺🇦 MARK.",
    "北京 和 東京 的 MARK 记者。",
]

if MISSING is None:

    def recording_client() -> LanguageClient:
        """pytest-lsp's client, which also keeps every publishDiagnostics it receives."""
        client = LanguageClient(converter_factory=pytest_lsp.client.default_converter)
        client.published = []  # type: ignore[attr-defined]

        def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            client.published.append(params)  # type: ignore[attr-defined]
            client.diagnostics[params.uri] = params.diagnostics

        features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
        register_lsp_features(client, features)
        return client

    SERVER = ClientServerConfig(
        server_command=[sys.executable, "-m", "newslint", "server"],
        client_factory=recording_client,
    )

    async def start_session(lsp_client: LanguageClient, offered: str | None, root: Path) -> None:
        encodings = [offered] if offered else None
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=encodings),
            workspace=types.WorkspaceClientCapabilities(configuration=True),
        )
        lsp_client.root = root  # type: ignore[attr-defined]
        result = await lsp_client.initialize_session(
            types.InitializeParams(capabilities=capabilities, root_uri=root.as_uri())
        )
        lsp_client.encoding = result.capabilities.position_encoding  # type: ignore[attr-defined]

    VSCODE = json.loads(readme_snippet("vscode-lsp"))
    VSCODE_SERVER = ClientServerConfig(
        server_command=[
            str(Path(sys.executable).parent / VSCODE["glspc.server.command"]),
            *VSCODE["glspc.server.commandArguments"],
        ],
        client_factory=recording_client,
    )

    @pytest_lsp.fixture(config=VSCODE_SERVER, scope="module")
    async def vscode(lsp_client: LanguageClient, tmp_path_factory: Any):
        """A session started as the README tells VS Code's generic LSP client to."""
        root = tmp_path_factory.mktemp("workspace")
        await lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
                root_uri=root.as_uri(),
                initialization_options=VSCODE["glspc.server.initializationOptions"],
            )
        )
        yield
        await lsp_client.shutdown_session()

    @pytest_lsp.fixture(config=SERVER, scope="module")
    async def client(lsp_client: LanguageClient, tmp_path_factory: Any):
        """One session for the module (a server costs a second or two to start), whose
        client offers no position encoding: UTF-16, the protocol's default."""
        await start_session(lsp_client, None, tmp_path_factory.mktemp("workspace"))
        yield
        await lsp_client.shutdown_session()

    @pytest_lsp.fixture(config=SERVER, params=["utf-16", "utf-8", "utf-32"], scope="module")
    async def client_in(lsp_client: LanguageClient, request: Any, tmp_path_factory: Any):
        """One session per position encoding the client offers."""
        await start_session(lsp_client, request.param, tmp_path_factory.mktemp("workspace"))
        yield
        await lsp_client.shutdown_session()

else:

    @pytest.fixture
    def client() -> None:
        require_tool(False, "pygls and pytest-lsp", f"pip install '.[test]': {MISSING}")

    client_in = vscode = client


pytestmark = pytest.mark.asyncio(loop_scope="module")

UNITS = {"utf-8": "byte", "utf-16": "utf-16", "utf-32": "char"}


def cli_json_of(path: Path, unit: str, *argv: str) -> list[dict[str, Any]]:
    """``newslint check --format json --column-unit UNIT`` run from the file's folder."""
    return cli_json(path.parent, path.name, "--column-unit", unit, *argv)


async def published(client: LanguageClient, uri: str, after: int, timeout: float = 60) -> Any:
    """The first publishDiagnostics for ``uri`` among those received after the first
    ``after`` ones."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in client.published[after:]:  # type: ignore[attr-defined]
            if params.uri == uri:
                return params
        await asyncio.sleep(0.02)
    raise TimeoutError(f"no diagnostics published for {uri}")


def configure(client: LanguageClient, settings: dict[str, Any]) -> None:
    """Push the client's newslint settings (they apply to every document from now on)."""
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"newslint": settings})
    )


@pytest.fixture(autouse=True)
def fresh_settings(client):
    """Each test starts with no client settings and closes what it opened."""
    if MISSING is None:
        configure(client, {})
    yield
    if MISSING is None:
        for uri in list(client.diagnostics):
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=uri)
                )
            )
        client.diagnostics.clear()


async def open_and_wait(
    client: LanguageClient, path: Path, language_id: str = "plaintext"
) -> list[Any]:
    uri = path.as_uri()
    before = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id=language_id,
                version=1,
                text=path.read_text(encoding="utf-8"),
            )
        )
    )
    return list((await published(client, uri, before)).diagnostics)


def as_rows(diagnostics: list[Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.range.end.line + 1,
            d.range.end.character + 1,
            d.code,
            d.message,
        )
        for d in diagnostics
    )


def cli_rows(findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"])
        for f in findings
    )


async def test_position_encoding_is_negotiated(client, client_in):
    assert client.encoding == "utf-16"  # offered none: the protocol's default
    assert client_in.encoding == client_in.capabilities.general.position_encodings[0]


async def test_the_example_article_gives_the_same_findings_as_the_command_line(client_in, tmp_path):
    client = client_in
    article = tmp_path / EXAMPLE.name
    article.write_bytes(EXAMPLE.read_bytes())
    diagnostics = await open_and_wait(client, article)
    expected = cli_json_of(article, UNITS[client.encoding])
    assert len(expected) >= 14  # one finding per defect: line 5 is B001 alone
    assert as_rows(diagnostics) == cli_rows(expected)
    by_code = {d.code: d for d in diagnostics}
    assert by_code["D001"].severity == types.DiagnosticSeverity.Error
    assert by_code["Q004"].severity == types.DiagnosticSeverity.Information
    assert by_code["D001"].source == "newslint"
    data = by_code["D001"].data
    assert (data["rule"], data["fix"], len(data["fingerprint"])) == (
        "duplicate-paragraph",
        "safe",
        20,
    )
    assert by_code["M001"].data["fix"] is None


async def test_a_file_whose_name_the_uri_percent_encodes_is_linted(client, tmp_path):
    # Editors send file:///…/d%C3%A9p%C3%AAche.txt; the diagnostics, the fixes and a
    # republish after a settings change go to that same URI.
    article = tmp_path / "dépêche du jour.txt"
    article.write_bytes(EXAMPLE.read_bytes())
    assert "%C3%A9" in article.as_uri()
    diagnostics = await open_and_wait(client, article)
    assert as_rows(diagnostics) == cli_rows(cli_json_of(article, UNITS[client.encoding]))
    duplicate = next(d for d in diagnostics if d.code == "D001")
    actions = await code_actions(client, article, duplicate)
    assert actions and all(list(a.edit.changes) == [article.as_uri()] for a in actions)
    before = len(client.published)
    configure(client, {"select": ["H"]})
    republished = await published(client, article.as_uri(), before)
    codes = {d.code for d in republished.diagnostics}
    assert "H001" in codes and all(code.startswith("H") for code in codes), codes


async def test_accented_emoji_and_cjk_lines_are_exact_in_every_encoding(client_in, tmp_path):
    client = client_in
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "mark.yaml").write_text(MARK_RULE, encoding="utf-8")
    configure(client, {"rule-paths": [str(tmp_path / "house")], "select": ["ZZM"]})
    article = tmp_path / "unicode.md"
    article.write_text("\n".join(UNICODE_LINES) + "\n", encoding="utf-8")
    diagnostics = await open_and_wait(client, article, "markdown")
    units = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
    size = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[client.encoding]
    expected = []
    for number, line in enumerate(UNICODE_LINES):
        start = len(line[: line.index("MARK")].encode(units[client.encoding])) // size
        expected.append((number, start, number, start + 4))
    got = sorted(
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
    )
    assert got == expected
    house = cli_json_of(article, UNITS[client.encoding], "--rule-path", "house", "--select", "ZZM")
    assert as_rows(diagnostics) == cli_rows(house)


async def test_settings_come_from_the_workspace_config_then_the_client(client, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "newslint.yaml").write_text("ignore: [H, Q]\n", encoding="utf-8")
    codes = {d.code[0] for d in await open_and_wait(client, article)}
    assert "D" in codes and not codes & {"H", "Q"}
    # The client's settings win over the file's, as flags over newslint.yaml; here the
    # server asks for them (workspace/configuration) when told they changed.
    client.set_configuration({"newslint": {"ignore": ["D"]}})
    before = len(client.published)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    codes = {d.code[0] for d in (await published(client, article.as_uri(), before)).diagnostics}
    assert "H" in codes and "D" not in codes
    client.set_configuration({"newslint": {}})


async def test_a_bad_setting_is_shown_to_the_user(client, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "newslint.yaml").write_text("ignore: [QQ]\n", encoding="utf-8")
    assert await open_and_wait(client, article) == []
    assert any("selector 'QQ' matches no rule" in m.message for m in client.messages)


async def test_changes_are_debounced_and_save_lints_at_once(client, tmp_path):
    article = tmp_path / "article.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    uri = article.as_uri()
    await open_and_wait(client, article)
    before = len(client.published)
    lines = text.splitlines(keepends=True)
    for version in range(2, 7):  # typing: five changes in a row, the hashtag line last gone
        edited = "".join(lines[:1] + lines[2:]) if version == 6 else text + "x" * version
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
    await published(client, uri, before)
    await asyncio.sleep(0.6)
    assert [p.version for p in client.published[before:] if p.uri == uri] == [6]
    assert "H001" not in {d.code for d in client.diagnostics[uri]}
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await published(client, uri, before + 1, timeout=5)
    assert [p.version for p in client.published[before:] if p.uri == uri] == [6, 6]


async def code_actions(client: LanguageClient, path: Path, diagnostic: Any) -> list[Any]:
    """The code actions offered for ``diagnostic``'s range."""
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


async def test_fixes_are_code_actions_safe_ones_preferred(client, tmp_path):
    article = tmp_path / "article.txt"
    text = EXAMPLE.read_text(encoding="utf-8") + "Il a a parlé.\n"  # M003: an unsafe fix
    article.write_text(text, encoding="utf-8")
    diagnostics = await open_and_wait(client, article)
    hashtags = next(d for d in diagnostics if d.code == "H001")
    actions = await code_actions(client, article, hashtags)
    quick = {a.title: a for a in actions if a.kind == types.CodeActionKind.QuickFix}
    [delete] = [a for a in quick.values() if "H001" in a.title]
    assert delete.is_preferred
    [edit] = delete.edit.changes[article.as_uri()]
    assert (edit.range.start.line, edit.range.start.character) == (1, 0)
    assert (edit.range.end.line, edit.range.end.character) == (2, 0)
    assert edit.new_text == ""
    fix_all = [a for a in actions if a.kind == "source.fixAll.newslint"]
    assert len(fix_all) == 1 and fix_all[0].title.startswith("Fix all safe newslint findings")

    doubled = next(d for d in diagnostics if d.code == "M003")
    [unsafe] = [a for a in await code_actions(client, article, doubled) if "M003" in a.title]
    assert "unsafe" in unsafe.title and not unsafe.is_preferred


async def test_hover_shows_the_rules_documentation(client, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(EXAMPLE.read_bytes())
    diagnostics = await open_and_wait(client, article)
    d001 = next(d for d in diagnostics if d.code == "D001")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=article.as_uri()),
            position=types.Position(d001.range.start.line, d001.range.start.character + 3),
        )
    )
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    assert "**D001** `duplicate-paragraph` (error)" in hover.contents.value
    assert "What it flags" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=article.as_uri()),
            position=types.Position(0, 5),
        )
    )
    assert nothing is None


async def test_other_languages_are_left_alone(client, tmp_path):
    source = tmp_path / "script.py"
    source.write_text("#Blinkenexhorte #Lavrovretirer #immédiatement #troupes\n", encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=source.as_uri(), language_id="python", version=1, text=source.read_text()
            )
        )
    )
    await asyncio.sleep(0.5)
    assert source.as_uri() not in client.diagnostics


async def test_vscode_settings_of_the_readme(vscode, tmp_path):
    # Generic LSP Client sends its initializationOptions; the README's ignore Q004.
    for language_id in VSCODE["glspc.server.languageId"]:
        article = tmp_path / f"article-{language_id}.md"
        article.write_bytes(EXAMPLE.read_bytes())
        diagnostics = await open_and_wait(vscode, article, language_id)
        expected = cli_json(tmp_path, article.name, "--column-unit", "utf-16", "--ignore", "Q004")
        assert as_rows(diagnostics) == cli_rows(expected)
        assert "Q004" not in {d.code for d in diagnostics}
