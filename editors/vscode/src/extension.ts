// newslint for VS Code: starts `newslint server` (newslint's language server, from the
// user's environment) for plain text and Markdown files, and gives it the settings of
// the `newslint` section. Findings, fixes (code actions) and rule documentation (hover)
// all come from the server; this file only starts it and answers its questions.

import * as path from "path";
import * as vscode from "vscode";
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

const SECTION = "newslint";
// The settings `newslint server` reads (the keys of newslint.yaml, plus `config`); the
// others (executable, trace) are this extension's and must not reach it: the server
// refuses keys it does not know, as `newslint check` does.
const SERVER_KEYS = ["config", "select", "ignore"] as const;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("newslint.restart", () => restart()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.executable`)) {
        await restart();
      } else if (event.affectsConfiguration(SECTION) && client !== undefined) {
        // No settings in the notification: the server asks for them, through
        // `configuration` below, and lints the open files again.
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: null,
        });
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const folder = workspaceFolder();
  const command = executable(folder);
  const serverOptions: ServerOptions = {
    command,
    args: ["server"],
    options: folder === undefined ? {} : { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: { newslint: serverSettings(folder) },
    middleware: {
      workspace: {
        configuration: (params: ConfigurationParams) =>
          params.items.map((item) =>
            item.section === SECTION ? serverSettings(folder) : null,
          ),
      },
    },
  };
  client = new LanguageClient(SECTION, "newslint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const install = "Install it with `pip install 'newslint[lsp]'`";
    void vscode.window.showErrorMessage(
      `newslint: cannot start \`${command} server\` (${String(error)}). ${install}, ` +
        "or set `newslint.executable` to its path.",
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The program to run: a bare name is looked up on PATH; a relative path is taken from
 * the workspace folder (`.venv/bin/newslint`). */
export function executable(folder: string | undefined): string {
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>("executable");
  const name = setting && setting.trim() !== "" ? setting.trim() : "newslint";
  if (!name.includes("/") && !name.includes("\\")) {
    return name;
  }
  return folder !== undefined && !path.isAbsolute(name) ? path.join(folder, name) : name;
}

/** The settings the server reads, without empty ones (which would override the
 * configuration file's), `config` made absolute. */
export function serverSettings(folder: string | undefined): Record<string, unknown> {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const value = configuration.get<unknown>(key);
    const empty =
      value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0);
    if (!empty) {
      settings[key] = value;
    }
  }
  const config = settings.config;
  if (typeof config === "string" && folder !== undefined && !path.isAbsolute(config)) {
    settings.config = path.join(folder, config);
  }
  return settings;
}
