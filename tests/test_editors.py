"""Real editors, headless, configured with the README's snippets: Neovim's LSP client
on the language server, vim's quickfix list (``%c`` with byte columns, ``%v`` with
character columns) and Emacs' compilation mode, each landing on the findings of
``newslint check``.

Neovim and Emacs come from Debian's packages (``apt-get install neovim emacs-nox``, which
.ci/run does); without them these tests skip, which .ci/run counts as a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, cli_json, readme_snippet, require_tool

EXAMPLE = REPO / "examples" / "fr-blinken-lavrov.txt"
#: Lines where a wide character (CJK, emoji: two screen cells, three or four bytes)
#: stands before a finding: the hashtag line gives H001 and H002 after them.
WIDE = (
    "北京 和 東京 的 记者报道了这次会谈。😀 Le ministre a parlé.\n"
    "東京 😀 #Blinkenexhorte #Lavrovretirer #immédiatement #troupes #russesfrontière\n"
    "Le secrétaire d'État américain et le ministre russe se sont entretenus au téléphone.\n"
)


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    require_tool(path is not None, name, f"apt-get install {package}")
    assert path is not None
    return path


def editor_env() -> dict[str, str]:
    """The environment of an editor that runs ``newslint`` from this interpreter's venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = env.get("HOME", "/tmp")
    return env


def run_editor(folder: Path, argv: list[str]) -> Any:
    """Run a headless editor in ``folder``; its probe script writes result.json."""
    done = subprocess.run(
        argv,
        cwd=folder,
        env=editor_env(),
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    result = folder / "result.json"
    assert result.exists(), f"{argv[0]} wrote nothing: {done.stdout} {done.stderr}"
    return json.loads(result.read_text(encoding="utf-8"))


def run_nvim(folder: Path, lua: str) -> Any:
    """Run ``lua`` in a headless Neovim in ``folder``."""
    (folder / "probe.lua").write_text(lua, encoding="utf-8")
    nvim = tool("nvim", "neovim")
    return run_editor(folder, [nvim, "--headless", "--clean", "-c", "luafile probe.lua"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "wide.txt").write_text(WIDE, encoding="utf-8")
    return tmp_path


FILES = [EXAMPLE.name, "wide.txt"]

NEOVIM_LSP_PROBE = """
dofile("init.lua")
local results = {}
for name, count in pairs(vim.fn.json_decode(vim.fn.readfile("expected-counts.json")[1])) do
  vim.cmd("edit " .. name)
  local buf = vim.api.nvim_get_current_buf()
  -- the client's settings ignore a rule: wait for the report that honours them
  local ok = vim.wait(90000, function() return #vim.diagnostic.get(buf) == count end, 50)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    local text = ""
    if d.end_lnum == d.lnum then text = string.sub(line, d.col + 1, d.end_col) end
    table.insert(found, { d.lnum, d.col, d.end_lnum, d.end_col, d.code, d.message, text })
  end
  results[name] = { ok = ok, filetype = vim.bo.filetype, found = found }
end
local out = io.open("result.json", "w")
out:write(vim.fn.json_encode(results))
out:close()
vim.cmd("qall!")
"""


def test_neovim_shows_the_language_servers_diagnostics_where_they_are(folder):
    (folder / "init.lua").write_text(readme_snippet("neovim"), encoding="utf-8")
    assert 'ignore = { "Q004" }' in readme_snippet("neovim")
    # The README's settings ignore Q004: the command line is told the same.
    by_bytes = {
        name: cli_json(folder, name, "--column-unit", "byte", "--ignore", "Q004") for name in FILES
    }
    by_chars = {name: cli_json(folder, name, "--ignore", "Q004") for name in FILES}
    counts = {name: len(findings) for name, findings in by_bytes.items()}
    (folder / "expected-counts.json").write_text(json.dumps(counts), encoding="utf-8")
    result = run_nvim(folder, NEOVIM_LSP_PROBE)
    for name in FILES:
        assert result[name]["ok"] and result[name]["filetype"] == "text"
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        expected = sorted(
            [
                f["line"] - 1,
                f["column"] - 1,
                f["end_line"] - 1,
                f["end_column"] - 1,
                f["code"],
                f["message"],
                lines[f["line"] - 1][c["column"] - 1 : c["end_column"] - 1]
                if f["line"] == f["end_line"]
                else "",
            ]
            for f, c in zip(by_bytes[name], by_chars[name], strict=True)
        )
        assert sorted(result[name]["found"]) == expected
    texts = {found[4]: found[6] for found in result[EXAMPLE.name]["found"]}
    assert texts["M010"] == "chefs étrangers" and texts["D001"].startswith("Après une")


VIM_QUICKFIX_PROBE = """
for _, command in ipairs(vim.fn.readfile("errorformat.vim")) do vim.cmd(command) end
vim.cmd("silent make! FILES")
local landed = {}
for i, item in ipairs(vim.fn.getqflist()) do
  if item.valid == 1 then
    vim.cmd("silent cc " .. i)
    local cursor = vim.api.nvim_win_get_cursor(0)
    table.insert(landed, { vim.fn.expand("%:t"), cursor[1], cursor[2] })
  end
end
local out = io.open("result.json", "w")
out:write(vim.fn.json_encode(landed))
out:close()
vim.cmd("qall!")
"""


def vim_landings(folder: Path, snippet: str) -> list[list[Any]]:
    settings = readme_snippet(snippet)
    assert [line.split()[1].split("=")[0] for line in settings.splitlines()] == [
        "makeprg",
        "errorformat",
    ]
    (folder / "errorformat.vim").write_text(settings, encoding="utf-8")
    return run_nvim(folder, VIM_QUICKFIX_PROBE.replace("FILES", " ".join(FILES)))


def byte_positions(folder: Path) -> list[list[Any]]:
    return [
        [name, f["line"], f["column"] - 1]
        for name in FILES
        for f in cli_json(folder, name, "--column-unit", "byte")
    ]


def test_vim_quickfix_with_byte_columns_lands_on_each_finding(folder):
    assert vim_landings(folder, "vim-bytes") == byte_positions(folder)


def test_vim_quickfix_with_screen_columns_lands_right_without_wide_characters(folder):
    landed, expected = vim_landings(folder, "vim-screen"), byte_positions(folder)
    example = [entry for entry in expected if entry[0] == EXAMPLE.name]
    assert [entry for entry in landed if entry[0] == EXAMPLE.name] == example
    # ...and why the README gives %c with bytes first: %v counts screen cells
    assert [entry for entry in landed if entry[0] == "wide.txt"] != [
        entry for entry in expected if entry[0] == "wide.txt"
    ]


EMACS_PROBE = """
(require 'json)
(load-file "newslint.el")
(let* ((buffer (compile (concat compile-command FILES)))
       (landed '()))
  (while (get-buffer-process buffer) (accept-process-output nil 0.1))
  (setq next-error-last-buffer buffer)
  (condition-case nil
      (progn
        (first-error)
        (while t
          (with-current-buffer (window-buffer (selected-window))
            (let ((point (window-point (selected-window))))
              (goto-char point)
              (push (vector (buffer-name) (line-number-at-pos)
                            (- point (line-beginning-position)))
                    landed)))
          (next-error)))
    (error nil))
  (with-temp-file "result.json"
    (insert (json-encode (reverse landed)))))
"""


def test_emacs_compilation_mode_lands_on_each_finding(folder):
    (folder / "newslint.el").write_text(readme_snippet("emacs"), encoding="utf-8")
    probe = EMACS_PROBE.replace("FILES", json.dumps(" ".join(FILES)))
    (folder / "probe.el").write_text(probe, encoding="utf-8")
    landed = run_editor(folder, [tool("emacs", "emacs-nox"), "--batch", "-Q", "-l", "probe.el"])
    # Emacs visits each location once (two findings at one place are one locus).
    expected: list[list[Any]] = []
    for name in FILES:
        for f in cli_json(folder, name):
            if [name, f["line"], f["column"] - 1] not in expected:
                expected.append([name, f["line"], f["column"] - 1])
    assert landed == expected
