"""Shared fixtures.

For rule tests: ``make_document(text, lang=None)`` and ``run_rule(code, text,
lang=None)``; ``example_article`` is the path of the real article newslint was
specified from. For core tests: ``shouting_plugin`` (the mini third-party plugin in
tests/plugins/newslint_shouting) and ``child_venv`` (a throwaway venv to install into).

A rule test needs only ``run_rule``::

    LEAD = "Washington a admis ne pas avoir obtenu les engagements russes de désamorcer."

    def test_flags_the_repeated_lead(run_rule):
        text = f"{LEAD}\nLes deux hommes se sont entretenus au téléphone.\n{LEAD}\n"
        findings = run_rule("D001", text, lang="fr")
        assert [(f.line, f.code) for f in findings] == [(3, "D001")]
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ci_skips import pytest_configure, pytest_runtest_makereport  # noqa: F401 - hooks

from newslint import Checker, hookimpl
from newslint.checking.engine import INTERNAL_ERROR_CODE
from newslint.checking.engine import run_rule as engine_run_rule
from newslint.config.selection import Registry
from newslint.config.settings import Settings
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.model.rule import Rule
from newslint.plugins import plugin_manager

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
#: ``shared/`` sits beside the repository, locally and in CI.
SHARED = REPO.parent / "shared"
SHOUTING_PLUGIN_DIR = TESTS / "plugins" / "newslint_shouting"
#: On the PYTHONPATH of the test session's Ray workers only (see ``local_ray``).
RAY_WORKER_PLUGINS_DIR = TESTS / "plugins" / "on_ray_workers"


def import_extra(module: str, extra: str) -> ModuleType:
    """``module``, from the ``extra`` of newslint; when it is not installed the calling
    test is skipped, saying why (a failure under .ci/run: see ci_skips.py). Call it in a
    test or fixture, not at module level, where a skip would not be turned into one."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        pytest.skip(f"{module} is not installed (pip install 'newslint[{extra}]'): {exc}")


@pytest.fixture(scope="session", autouse=True)
def one_cargo_target_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterable[None]:
    """The tests that install newslint from its sources (pre-commit's hook repository,
    the Action's steps, the wheel) each compile the Rust core and its dependencies: one
    cargo target folder for the session compiles the dependencies once (the core itself
    is compiled again for each interpreter, as pyo3's build script asks). A folder the
    caller set already is kept."""
    if "CARGO_TARGET_DIR" in os.environ:
        yield
        return
    os.environ["CARGO_TARGET_DIR"] = str(tmp_path_factory.mktemp("cargo-target"))
    try:
        yield
    finally:
        os.environ.pop("CARGO_TARGET_DIR", None)


@pytest.fixture(scope="session")
def aeb_corpus() -> Path:
    """The 181 labelled articles of shared/corpus/aeb.jsonl (JSONL: id, url, title,
    lang, text); skipped, saying why, where shared/ is not beside the repository."""
    path = SHARED / "corpus" / "aeb.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found: shared/ must sit beside the repository")
    return path


@pytest.fixture
def offline_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach the Hugging Face Hub (there is no network but package
    registries): ``datasets`` and ``huggingface_hub`` are told so, also if imported."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    if "datasets" in sys.modules:
        monkeypatch.setattr(sys.modules["datasets"].config, "HF_DATASETS_OFFLINE", True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests on the session's Ray run last (in their order): its daemons and idle
    workers then never share the machine with the tests that time a run or send it
    signals (test_guarantees' SIGTERM test became flaky beside them)."""
    items.sort(key=lambda item: "local_ray" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def local_ray() -> Any:
    """One local Ray of 2 CPUs for the whole session (it takes seconds to start). Its
    workers also load the test plugin of tests/plugins/on_ray_workers (rules that raise
    or end their process on a marker text); this process does not."""
    ray = import_extra("ray", "ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no report to Ray's makers
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        logging_level="error",
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(RAY_WORKER_PLUGINS_DIR)}},
    )
    yield ray
    from newslint.running.ray.run import stop

    stop()


@pytest.fixture
def make_document() -> Callable[..., Document]:
    """``make_document(text, lang=None)``: a Document displayed as ``article.txt``.

    ``lang`` is the language the input gives; leave it None to let newslint detect it.
    Other Document fields (``path``, ``title``, ``metadata``...) can be passed by keyword.
    """

    def make(text: str, lang: str | None = None, **fields: Any) -> Document:
        fields.setdefault("path", "article.txt")
        return Document(text, lang=lang, **fields)

    return make


@pytest.fixture(scope="session")
def default_registry() -> Registry:
    """Every rule a default run knows (built-in Python rules and the YAML packs)."""
    pm = plugin_manager(load_entry_points=False)
    batches = pm.hook.newslint_rules(settings=Settings())
    return Registry(rule for batch in batches for rule in batch)


@pytest.fixture(scope="session")
def check_with() -> Callable[..., list[Finding]]:
    """Runs any list of rules over a document through the engine's hook, as a Checker of
    ``settings`` (default: the defaults) runs its own rules."""
    default = Checker(load_entry_points=False)

    def check(
        document: Document, rules: Iterable[Rule], settings: Settings | None = None
    ) -> list[Finding]:
        checker = default if settings is None else Checker(settings, load_entry_points=False)
        found = checker.hook.newslint_check_document(
            document=document, rules=list(rules), settings=checker.settings, checker=checker
        )
        return found or []

    return check


@pytest.fixture
def run_rule(
    default_registry: Registry, make_document: Callable[..., Document]
) -> Callable[..., list[Finding]]:
    """``run_rule(code, text, lang=None)``: the findings of one rule on ``text``, sorted.

    The rule runs through the engine, as in a real run: its default options (or
    ``options=`` merged over them), its severity, and its languages (a rule limited to
    other languages than the document's gives nothing). A rule that crashes fails the
    test with the crash message (exception and where it was raised) instead of
    returning an X900 finding.
    """

    def run(
        code: str, text: str, lang: str | None = None, *, options: Mapping[str, Any] | None = None
    ) -> list[Finding]:
        rule = default_registry.get(code)
        if rule is None:
            pytest.fail(f"no rule {code} (known: {', '.join(r.code for r in default_registry)})")
        document = make_document(text, lang)
        if not rule.applies_to(document.language):
            return []
        settings = Settings(options={rule.code: dict(options)} if options else {})
        findings = engine_run_rule(document, rule, settings)
        for finding in findings:
            if finding.code == INTERNAL_ERROR_CODE and rule.code != INTERNAL_ERROR_CODE:
                pytest.fail(finding.message)
        return sorted(findings, key=Finding.sort_key)

    return run


@pytest.fixture
def example_article() -> Path:
    """The real scraped French article newslint was specified from (9 lines):
    shared/examples/fr-blinken-lavrov.txt beside the repository, else the copy in
    examples/."""
    for folder in (SHARED / "examples", REPO / "examples"):
        path = folder / "fr-blinken-lavrov.txt"
        if path.is_file():
            return path
    pytest.skip("fr-blinken-lavrov.txt not found: shared/ must sit beside the repository")


@pytest.fixture
def shouting_plugin(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The mini third-party plugin of tests/plugins/newslint_shouting (rule ZZZ001),
    imported from its folder (not installed)."""
    monkeypatch.syspath_prepend(str(SHOUTING_PLUGIN_DIR))
    return importlib.import_module("newslint_shouting")


class ChildVenv:
    """A throwaway venv that sees this interpreter's installed packages.

    ``--system-site-packages`` exposes the *base* interpreter's packages only: when the
    tests run in a venv, newslint's dependencies are in that venv, so a ``.pth`` file
    adds its site-packages too. ``with_parent_pth_files`` adds it with
    ``site.addsitedir`` (an editable newslint becomes visible); otherwise as a plain
    path (its dependencies only). Packages are installed with this interpreter's pip.
    """

    def __init__(self, root: Path, with_parent_pth_files: bool) -> None:
        self.root = root
        subprocess.run(
            [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(root)],
            check=True,
        )
        self.bin = root / ("Scripts" if os.name == "nt" else "bin")
        purelib = self.run("python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
        parent = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
        if with_parent_pth_files:
            lines = [f"import site; site.addsitedir({path!r})" for path in parent]
        else:
            lines = parent
        pth = Path(purelib.stdout.strip(), "_parent_env.pth")
        pth.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def install(self, *args: str) -> None:
        """``pip install --no-deps ARGS`` into this venv."""
        subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(self.bin / "python"), "install",
             "--quiet", "--disable-pip-version-check", "--no-deps", "--ignore-installed",
             *args],
            check=True,
            timeout=300,
        )  # fmt: skip

    def run(
        self, program: str, *argv: str, cwd: Path | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run ``program`` (``python``, ``newslint``...) from this venv's bin folder, in
        ``cwd`` (default: the venv folder, away from the repository)."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        return subprocess.run(
            [str(self.bin / program), *argv],
            cwd=cwd or self.root,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=check,
            timeout=120,
        )


@pytest.fixture
def child_venv() -> Callable[..., ChildVenv]:
    """``child_venv(root, with_parent_pth_files)``: a :class:`ChildVenv` at ``root``."""
    return ChildVenv


@pytest.fixture
def cli_plugins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, object]:
    """``newslint.cli.main.main`` runs in an empty temporary folder (no config file is found)
    with the built-in plugins plus those put in the returned dict, by name; installed
    entry points are not loaded."""
    from newslint.checking import checker as api

    extra: dict[str, object] = {}
    real = api.plugin_manager

    def make(blocked: Any = (), load_entry_points: bool = True) -> Any:
        pm = real(blocked=blocked, load_entry_points=False)
        for name, plugin in extra.items():
            pm.register(plugin, name=name)
        return pm

    monkeypatch.setattr(api, "plugin_manager", make)
    monkeypatch.chdir(tmp_path)
    return extra


def rules_plugin(*rules: Rule) -> object:
    """A plugin object offering ``rules`` (register it with the ``cli_plugins`` dict)."""

    class Plugin:
        @hookimpl
        def newslint_rules(self, settings: Settings) -> list[Rule]:
            return list(rules)

    return Plugin()


def newslint_process(*argv: str, **kwargs: Any) -> subprocess.Popen[str]:
    """``python -m newslint ARGV`` in a child process, text pipes for stdout and stderr
    unless ``stdout=`` or ``stderr=`` say otherwise; other keywords go to Popen."""
    return subprocess.Popen(
        [sys.executable, "-m", "newslint", *argv],
        stdout=kwargs.pop("stdout", subprocess.PIPE),
        stderr=kwargs.pop("stderr", subprocess.PIPE),
        text=True,
        **kwargs,
    )


def children_of(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc: Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def no_traceback(err: str) -> None:
    """A run's stderr says what went wrong in words: no traceback, no internal error."""
    assert "Traceback" not in err and "internal error" not in err, err


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``newslint ARGV`` in process: (exit code, stdout, stderr)."""
    from newslint.cli import main as cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


#: The npm packages the integration tests run (the SARIF multitool), installed here by
#: ``npm ci --prefix tests/tools`` (.ci/run does it).
NODE_TOOLS = TESTS / "tools"


def require_tool(available: bool, what: str, install: str) -> None:
    """Skip the calling test when ``what`` is missing, saying how to install it. Under
    .ci/run, which installs every such tool, the skip is a failure (NEWSLINT_CI=1, see
    tests/ci_skips.py)."""
    if not available:
        pytest.skip(f"{what} is not installed ({install}; .ci/run installs it)")


def readme_snippet(name: str) -> str:
    """The fenced code block that follows ``<!-- snippet: NAME -->`` in README.md or a
    page of docs/ (editors.md, ci.md): the editor and CI snippets the documentation
    shows are the ones the tests run."""
    marker = f"<!-- snippet: {name} -->\n```"
    for page in (REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))):
        text = page.read_text(encoding="utf-8")
        if marker in text:
            block = text[text.index(marker) + len(marker) :]
            block = block[block.index("\n") + 1 :]
            return block[: block.index("\n```")] + "\n"
    pytest.fail(f"no page of the documentation has the snippet {name!r}")


def cli_json(folder: Path, name: str, *argv: str) -> list[dict[str, Any]]:
    """``newslint check NAME --format json ARGV`` run from ``folder`` (in this process,
    and once per content of the folder's files: editor tests compare several sessions
    with the same report)."""
    files = tuple(
        sorted(
            (str(p.relative_to(folder)), p.read_bytes())
            for p in folder.rglob("*")
            if p.is_file() and p.stat().st_size < 1 << 20
        )
    )
    return json.loads(_cli_json(files, name, argv))


@functools.cache
def _cli_json(files: tuple[tuple[str, bytes], ...], name: str, argv: tuple[str, ...]) -> str:
    from newslint.cli import main as cli

    with tempfile.TemporaryDirectory() as copy:
        for relative, data in files:
            Path(copy, relative).parent.mkdir(parents=True, exist_ok=True)
            Path(copy, relative).write_bytes(data)
        out, cwd = io.StringIO(), os.getcwd()
        os.chdir(copy)
        try:
            with contextlib.redirect_stdout(out):
                cli.main(["check", name, "--format", "json", *argv])
        finally:
            os.chdir(cwd)
    return out.getvalue()
