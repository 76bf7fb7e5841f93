// A stand-in for the `vscode` module, enough for vscode-languageclient to start a
// language server, open documents in it and turn its diagnostics into VS Code's: the
// parts the test looks at (settings, documents, diagnostics, messages, output) are
// implemented; anything else is an inert object that can be called, constructed and
// subscribed to.
"use strict";

const path = require("path");

function inert(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === "dispose") return () => {};
      if (key === Symbol.toPrimitive) return () => `[vscode mock ${name}]`;
      if (key === "then") return undefined; // not a promise
      return inert(`${name}.${String(key)}`);
    },
    apply() {
      return inert(`${name}()`);
    },
    construct() {
      return inert(`new ${name}`);
    },
  });
}

function withFallback(name, implemented) {
  return new Proxy(implemented, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key === "symbol" || key === "then") return undefined;
      return inert(`${name}.${key}`);
    },
  });
}

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item && item.dispose && item.dispose()));
  }
  dispose() {
    if (this.callOnDispose) this.callOnDispose();
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.authority = "";
    this.query = "";
    this.fragment = "";
  }
  static file(fsPath) {
    return new Uri("file", path.resolve(fsPath));
  }
  static parse(text) {
    const match = /^(\w+):\/\/([^/]*)(.*)$/.exec(text);
    if (!match) return new Uri("untitled", text);
    return new Uri(match[1], decodeURIComponent(match[3]));
  }
  with(change) {
    return new Uri(change.scheme || this.scheme, change.path || this.fsPath);
  }
  toString() {
    return `${this.scheme}://${this.fsPath.split("/").map(encodeURIComponent).join("/")}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === "number") {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
}

class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class CancellationTokenSource {
  constructor() {
    this.emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {}
}

/** A document VS Code has open: what the client reads of it. */
function textDocument(fsPath, languageId, text) {
  const lines = text.split("\n");
  return {
    uri: Uri.file(fsPath),
    fileName: fsPath,
    languageId,
    version: 1,
    isClosed: false,
    isUntitled: false,
    getText: () => text,
    lineCount: lines.length,
  };
}

/** The mock module, with what the test sets (settings, folder, open documents) and
 * what it reads (diagnostics, messages, output). */
function createVscode({ settings = {}, folder, documents = [] }) {
  const recorded = { diagnostics: new Map(), errors: [], warnings: [], output: [], commands: [] };
  const changes = new EventEmitter();
  const opened = new EventEmitter();

  const workspace = withFallback("workspace", {
    workspaceFolders: folder ? [{ uri: Uri.file(folder), name: path.basename(folder), index: 0 }] : undefined,
    textDocuments: documents,
    getConfiguration(section) {
      const prefix = section ? `${section}.` : "";
      return {
        get(key, fallback) {
          const value = settings[`${prefix}${key}`];
          return value === undefined ? fallback : value;
        },
        has: (key) => `${prefix}${key}` in settings,
        update: async () => {},
        inspect: () => undefined,
      };
    },
    onDidChangeConfiguration: changes.event,
    onDidOpenTextDocument: opened.event,
    onDidCloseTextDocument: new EventEmitter().event,
    onDidChangeTextDocument: new EventEmitter().event,
    onDidSaveTextDocument: new EventEmitter().event,
    onWillSaveTextDocument: new EventEmitter().event,
    onDidChangeWorkspaceFolders: new EventEmitter().event,
    createFileSystemWatcher: () => ({
      onDidCreate: new EventEmitter().event,
      onDidChange: new EventEmitter().event,
      onDidDelete: new EventEmitter().event,
      dispose() {},
    }),
  });

  const languages = withFallback("languages", {
    match(selector, document) {
      const filters = Array.isArray(selector) ? selector : [selector];
      return filters.some((filter) => {
        if (typeof filter === "string") return filter === document.languageId;
        return (
          (!filter.language || filter.language === document.languageId) &&
          (!filter.scheme || filter.scheme === document.uri.scheme)
        );
      })
        ? 10
        : 0;
    },
    createDiagnosticCollection(name) {
      return {
        name,
        set(uri, diagnostics) {
          recorded.diagnostics.set(uri.toString(), diagnostics || []);
        },
        delete(uri) {
          recorded.diagnostics.delete(uri.toString());
        },
        clear() {
          recorded.diagnostics.clear();
        },
        forEach() {},
        get: (uri) => recorded.diagnostics.get(uri.toString()),
        has: (uri) => recorded.diagnostics.has(uri.toString()),
        dispose() {},
      };
    },
  });

  const channel = (name) => ({
    name,
    append: (text) => recorded.output.push(text),
    appendLine: (text) => recorded.output.push(`${text}\n`),
    replace() {},
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  });

  const window = withFallback("window", {
    createOutputChannel: channel,
    showErrorMessage: async (message) => {
      recorded.errors.push(message);
      return undefined;
    },
    showWarningMessage: async (message) => {
      recorded.warnings.push(message);
      return undefined;
    },
    showInformationMessage: async () => undefined,
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: new EventEmitter().event,
    tabGroups: { all: [], onDidChangeTabs: new EventEmitter().event },
  });

  const commands = withFallback("commands", {
    registerCommand(name, callback) {
      recorded.commands.push(name);
      return new Disposable(() => {});
    },
    executeCommand: async () => undefined,
  });

  const vscode = withFallback("vscode", {
    version: "1.82.0",
    env: withFallback("env", { language: "en", appName: "vscode mock", machineId: "test" }),
    Uri,
    EventEmitter,
    Disposable,
    Position,
    Range,
    Diagnostic,
    CancellationTokenSource,
    CancellationError: class CancellationError extends Error {},
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    workspace,
    languages,
    window,
    commands,
  });
  return { vscode, recorded, changes, opened };
}

module.exports = { createVscode, textDocument, Uri };
