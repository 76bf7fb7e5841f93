// The extension, activated as VS Code would activate it but against a stand-in for the
// `vscode` module: it starts `newslint server` (the program named by
// NEWSLINT_EXECUTABLE, else `newslint` on PATH), the server lints the open article and
// its findings arrive as diagnostics; the settings reach the server and only those it
// knows; deactivation stops it. Run after `npm run compile`: `npm test`.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

const { createVscode, textDocument } = require("./vscode-mock");

const EXAMPLE = path.resolve(__dirname, "../../../examples/fr-blinken-lavrov.txt");
const EXECUTABLE = process.env.NEWSLINT_EXECUTABLE || "newslint";

/** Load a fresh copy of the compiled extension with `mock` as its `vscode` module. */
function loadExtension(mock) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: mock };
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`${path.sep}out${path.sep}`) || key.includes("vscode-languageclient")) {
      delete require.cache[key];
    }
  }
  try {
    return require("../out/extension.js");
  } finally {
    Module._resolveFilename = resolve;
  }
}

async function until(condition, what, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = condition();
    if (value) return value;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function workspace(settings) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "newslint-vscode-"));
  const article = path.join(folder, "dépêche.txt");
  fs.copyFileSync(EXAMPLE, article);
  const document = textDocument(article, "plaintext", fs.readFileSync(article, "utf8"));
  const mocked = createVscode({
    settings: { "newslint.executable": EXECUTABLE, ...settings },
    folder,
    documents: [document],
  });
  return { folder, document, ...mocked };
}

async function diagnosticsOf(recorded, document) {
  const key = document.uri.toString();
  return until(() => {
    const found = recorded.diagnostics.get(key);
    return found && found.length ? found : undefined;
  }, `diagnostics of ${key}`);
}

test("activation starts newslint server, whose findings become diagnostics", async () => {
  const { vscode, recorded, document } = workspace({});
  const extension = loadExtension(vscode);
  const context = { subscriptions: [] };
  await extension.activate(context);
  try {
    assert.deepEqual(recorded.errors, []);
    assert.ok(recorded.commands.includes("newslint.restart"));
    const diagnostics = await diagnosticsOf(recorded, document);
    const codes = diagnostics.map((d) => (typeof d.code === "object" ? d.code.value : d.code));
    assert.ok(codes.includes("H001"), codes.join(" "));
    assert.ok(codes.includes("D001"), codes.join(" "));
    const hashtags = diagnostics[codes.indexOf("H001")];
    assert.equal(hashtags.range.start.line, 1); // line 2 of the article
    assert.equal(hashtags.source, "newslint");
  } finally {
    await extension.deactivate();
  }
});

test("the settings reach the server: select, and a config file relative to the folder", async () => {
  const { vscode, recorded, document, folder } = workspace({
    "newslint.select": ["H", "Q"],
    "newslint.ignore": ["Q004"],
    "newslint.config": "house.yaml",
    "newslint.trace.server": "off",
  });
  fs.writeFileSync(path.join(folder, "house.yaml"), "severity: {H001: info}\n");
  const extension = loadExtension(vscode);
  await extension.activate({ subscriptions: [] });
  try {
    const diagnostics = await diagnosticsOf(recorded, document);
    const codes = new Set(diagnostics.map((d) => (typeof d.code === "object" ? d.code.value : d.code)));
    assert.ok(codes.has("H001") && codes.has("Q001"), [...codes].join(" "));
    for (const code of codes) {
      assert.match(code, /^[HQ]/);
    }
    assert.ok(!codes.has("Q004"), "ignore reached the server");
    const hashtags = diagnostics.find((d) => (d.code.value || d.code) === "H001");
    // the config file made H001 info: VS Code's Information
    assert.equal(hashtags.severity, vscode.DiagnosticSeverity.Information);
    // executable and trace are the extension's: the server, which refuses unknown
    // keys, never saw them
    assert.deepEqual(recorded.errors, []);
  } finally {
    await extension.deactivate();
  }
});

test("a newslint that cannot be started says how to install it", async () => {
  const { vscode, recorded } = workspace({ "newslint.executable": "/nonexistent/newslint" });
  const extension = loadExtension(vscode);
  await extension.activate({ subscriptions: [] });
  await until(() => recorded.errors.length, "an error message", 30);
  assert.match(recorded.errors.join("\n"), /pip install 'newslint\[lsp\]'/);
  await extension.deactivate();
});
