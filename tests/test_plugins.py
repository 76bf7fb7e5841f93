"""Plugins: built-ins registered by name like third-party plugins, blocking with
``-p no:NAME``, hook wrappers, and a real plugin package found by its entry point."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

from newslint import Checker, Option, Violation, hookimpl, rule
from newslint.config.selection import Registry
from newslint.config.settings import Settings
from newslint.errors import ConfigError
from newslint.model.document import Document
from newslint.model.stash import StashKey
from newslint.plugins import BUILTIN_PLUGINS, ENTRY_POINT_GROUP, plugin_manager

SHOUTING = (
    "LA RUSSIE MASSE DES TROUPES À LA FRONTIÈRE UKRAINIENNE\n"
    "Le secrétaire d'État américain Antony Blinken a appelé Moscou à la désescalade.\n"
)
# (the same folder as conftest.SHOUTING_PLUGIN_DIR)
SHOUTING_PLUGIN_DIR = Path(__file__).resolve().parent / "plugins" / "newslint_shouting"


def registry_of(pm) -> Registry:
    return Registry(r for batch in pm.hook.newslint_rules(settings=Settings()) for r in batch)


def test_builtin_plugins_are_registered_by_module_name():
    pm = plugin_manager(load_entry_points=False)
    core = {
        "newslint.checking.engine",
        "newslint.io.readers.text",
        "newslint.io.formatters.text",
        "newslint.io.formatters.json",
        "newslint.rules",
        "newslint.declarative.loader",
    }
    assert core <= set(BUILTIN_PLUGINS)
    for name in core:
        assert pm.get_plugin(name) is not None, name
    for name in BUILTIN_PLUGINS:
        plugin = pm.get_plugin(name)
        assert plugin is None or plugin.__name__ == name
    assert ENTRY_POINT_GROUP == "newslint"


def test_blocking_a_builtin_plugin_removes_its_rules():
    everything = registry_of(plugin_manager(load_entry_points=False))
    assert everything.get("X001") is not None
    pm = plugin_manager(blocked=["newslint.rules"], load_entry_points=False)
    assert pm.get_plugin("newslint.rules") is None
    assert pm.is_blocked("newslint.rules")
    blocked = registry_of(pm)
    assert blocked.get("X001") is None
    assert not any(r.origin.startswith("newslint.rules.") for r in blocked)


def test_blocking_the_yaml_loader_removes_the_yaml_rules(tmp_path):
    (tmp_path / "agency_credit.yaml").write_text(
        "code: ZZY001\nname: agency-credit\nseverity: info\nkind: pattern\n"
        "message: credit\npatterns: [AFP]\ndoc: An agency credit.\n",
        encoding="utf-8",
    )
    settings = Settings(rule_paths=(tmp_path,))
    for blocked, present in (((), True), (["newslint.declarative.loader"], False)):
        pm = plugin_manager(blocked=blocked, load_entry_points=False)
        codes = {r.code for batch in pm.hook.newslint_rules(settings=settings) for r in batch}
        assert ("ZZY001" in codes) is present


def test_a_plugin_module_adds_its_rule(shouting_plugin, check_with):
    pm = plugin_manager(load_entry_points=False)
    pm.register(shouting_plugin, name="shouting")
    registry = registry_of(pm)
    rule = registry.get("ZZZ001")
    assert rule is not None and rule.name == "shouting-line"
    assert [r.code for r in registry.enabled(Settings(select=("ZZZ",)))] == ["ZZZ001"]

    doc = Document(SHOUTING, "breaking.txt")
    findings = check_with(doc, registry.enabled(Settings(select=("ZZZ",))))
    assert [(f.code, f.line, f.column, f.end_column) for f in findings] == [("ZZZ001", 1, 1, 55)]


def test_the_shouting_rule_leaves_crossheads_and_acronyms_alone(shouting_plugin):
    text = (
        "Menace de sanctions «rapides et sévères»\n"
        "OTAN\n"
        "LA RUSSIE DÉMENT\n"
        "BREAKING NEWS : LA RUSSIE DÉMENT\n"
    )
    violations = list(
        shouting_plugin.shouting_line.check(Document(text, "a.txt"), {"min-words": 4})
    )
    assert [text[v.start : v.end] for v in violations] == ["BREAKING NEWS : LA RUSSIE DÉMENT"]


def test_a_wrapper_plugin_sees_and_changes_the_findings(shouting_plugin):
    class DropShouting:
        """Keeps findings on lines 2 and below (e.g. to skip a banner line)."""

        @hookimpl(wrapper=True)
        def newslint_check_document(self, document, rules, settings):
            findings = yield
            return [f for f in findings if f.line > 1]

    checker = Checker(load_entry_points=False)
    checker.plugins.register(shouting_plugin, name="shouting")
    rules = [shouting_plugin.shouting_line]
    doc = Document(SHOUTING + SHOUTING, "a.txt")

    def check() -> list:
        return checker.hook.newslint_check_document(
            document=doc, rules=rules, settings=checker.settings, checker=checker
        )

    before = check()
    checker.plugins.register(DropShouting(), name="drop-banner")
    after = check()
    assert [f.line for f in before] == [1, 3]
    assert [f.line for f in after] == [3]


# --- the real thing: pip installs the plugin package, newslint finds its entry point


def test_an_installed_plugin_is_found_by_its_entry_point(tmp_path, child_venv):
    venv = child_venv(tmp_path / "venv", with_parent_pth_files=True)
    build_backend = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    venv.install(*build_backend, str(SHOUTING_PLUGIN_DIR))
    (tmp_path / "breaking.txt").write_text(SHOUTING, encoding="utf-8")

    def newslint(*argv: str) -> subprocess.CompletedProcess[str]:
        return venv.run("python", "-m", "newslint", *argv, cwd=tmp_path, check=False)

    result = newslint("check", "--select", "ZZZ", "breaking.txt")
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        "breaking.txt:1:1: ZZZ001 line written entirely in capitals"
    )
    assert result.returncode == 1

    listed = newslint("rules").stdout
    assert "ZZZ001  shouting-line" in listed
    blocked = newslint("rules", "-p", "no:shouting")
    assert blocked.returncode == 0
    assert "ZZZ001" not in blocked.stdout

    # the plugin came from the child venv, not from the source folder
    where = venv.run("python", "-c", "import newslint_shouting; print(newslint_shouting.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv.root)


# --- what a plugin declares: its settings, its corpus rules


class SettingPlugin:
    """Declares a setting and keeps what it reads in the Checker's stash."""

    KEY: StashKey[int] = StashKey("zz-minimum")

    @hookimpl
    def newslint_settings(self) -> dict[str, Option]:
        return {"zz-minimum": Option(3, minimum=1, help="the plugin's threshold")}

    @hookimpl
    def newslint_configure(self, checker: Checker) -> None:
        checker.stash[self.KEY] = checker.settings.plugin_value("zz-minimum")


def test_a_plugin_declares_a_setting_read_and_checked_like_the_built_in_ones(cli_plugins, tmp_path):
    cli_plugins["zz-settings"] = SettingPlugin()
    assert Checker().stash[SettingPlugin.KEY] == 3  # the declared default
    assert Checker({"zz-minimum": 7}).stash[SettingPlugin.KEY] == 7
    config = tmp_path / "newslint.yaml"
    config.write_text("zz-minimum: 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"newslint.yaml: zz-minimum: 0 is below the minimum 1"):
        Checker(config=config)
    with pytest.raises(ConfigError, match=r"zz-minmum \(did you mean 'zz-minimum'\?\)"):
        Checker({"zz-minmum": 7})


def test_two_plugins_declaring_one_setting_is_an_error(cli_plugins):
    cli_plugins["first"] = SettingPlugin()
    cli_plugins["second"] = SettingPlugin()
    with pytest.raises(ConfigError, match="'zz-minimum' declared twice: by first and second"):
        Checker()


@rule(code="ZZC001", name="copy-of-an-earlier-article", severity="warning", scope="corpus")
def copy_of_an_earlier_article(doc, options):
    """A plugin's corpus rule: reads the facts the corpus stage sets on each document."""
    if doc.facts is not None and doc.facts.exact_of is not None:
        yield Violation(0, 0, f"copy of {doc.facts.exact_of.describe(doc.path)}")


def test_a_plugin_can_write_a_corpus_rule(cli_plugins, capsys, tmp_path):
    from conftest import rules_plugin
    from conftest import run_cli as run

    cli_plugins["zz-corpus"] = rules_plugin(copy_of_an_earlier_article)
    text = "The council approved the budget on Tuesday after a long debate."
    lines = [json.dumps({"id": name, "text": text}) for name in ("a", "b")]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "c.jsonl", "--select", "ZZC")
    assert (code, out.splitlines()[0]) == (1, "c.jsonl#2[b]:1:1: ZZC001 copy of record 1 [a]")
    (tmp_path / "one.txt").write_text(text + "\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "one.txt", "--select", "ZZC")
    assert code == 2 and "ZZC001 compare an article with the rest of its corpus" in err
