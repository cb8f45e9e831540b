/*
 * The syncc extension: starts the language server (`java [jvmArgs] -jar syncc-cli.jar lsp`, over
 * stdio) after checking for Java 17+, and forwards the syncc.* commands to it with
 * workspace/executeCommand. The logic lives in java.ts, serverCommand.ts and commands.ts.
 */
import * as os from 'os';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  buildCommandArguments,
  chooseJob,
  describeResult,
  findJobs,
  SERVER_COMMANDS,
  ServerCommand,
  skipOwnedCommands,
} from './commands';
import { resolveJava } from './java';
import { buildServerCommand, DEFAULT_JVM_ARGS, formatCommandLine, resolveServerJar } from './serverCommand';

const SERVER_SETTINGS = ['syncc.java.home', 'syncc.server.jar', 'syncc.server.jvmArgs', 'syncc.environment'];

let client: LanguageClient | undefined;
/** Why the server is not running, when it could not be started. */
let startProblem: string | undefined;
let output: vscode.OutputChannel;
let starting: Promise<void> | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('syncc');
  context.subscriptions.push(output);

  for (const command of SERVER_COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => runServerCommand(command, args)));
  }
  context.subscriptions.push(vscode.commands.registerCommand('syncc.restartServer', () => restart(context)));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (SERVER_SETTINGS.some((s) => e.affectsConfiguration(s))) {
      const choice = await vscode.window.showInformationMessage('syncc: restart the language server to use the changed settings?', 'Restart');
      if (choice === 'Restart') {
        await restart(context);
      }
    }
  }));

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (starting) {
    return starting;
  }
  starting = doStart(context).finally(() => {
    starting = undefined;
  });
  return starting;
}

async function doStart(context: vscode.ExtensionContext): Promise<void> {
  startProblem = undefined;
  const config = vscode.workspace.getConfiguration('syncc');

  const java = await resolveJava({ javaHomeSetting: config.get<string>('java.home'), env: process.env, platform: process.platform });
  if (!java.ok) {
    fail(java.message, 'syncc.java.home');
    return;
  }
  const jar = resolveServerJar({
    setting: config.get<string>('server.jar'),
    extensionPath: context.extensionPath,
    workspaceFolder: workspaceFolder(),
    homeDir: os.homedir(),
  });
  if (!jar.ok) {
    fail(jar.message, 'syncc.server.jar');
    return;
  }
  const line = buildServerCommand(java.executable, config.get<unknown>('server.jvmArgs', DEFAULT_JVM_ARGS), jar.jar);
  output.appendLine(`Java ${java.version} (from ${java.source === 'setting' ? 'syncc.java.home' : java.source}): ${java.executable}`);
  output.appendLine(`Starting the syncc language server: ${formatCommandLine(line)}`);

  const executable = { command: line.command, args: line.args, transport: TransportKind.stdio, options: { cwd: workspaceFolder() } };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.sync,syncc.catalog.json}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sync' },
      { scheme: 'untitled', language: 'sync' },
    ],
    synchronize: { fileEvents: watcher },
    // the datasources' env NAME { } the server checks against (syncc.environment; empty: their own settings)
    initializationOptions: { environment: config.get<string>('environment', '') || undefined },
    outputChannel: output,
  };
  const languageClient = new LanguageClient('syncc', 'syncc language server', serverOptions, clientOptions);
  // The extension registers syncc.preview & co. itself (so they work from the palette with the
  // cursor's job); the client must not register them again when the server announces them.
  const executeCommandFeature = (languageClient as unknown as { getFeature(method: string): unknown }).getFeature(ExecuteCommandRequest.method);
  if (executeCommandFeature && typeof (executeCommandFeature as { register?: unknown }).register === 'function') {
    skipOwnedCommands(executeCommandFeature as Parameters<typeof skipOwnedCommands>[0]);
  }
  client = languageClient;
  try {
    await languageClient.start();
  } catch (e) {
    client = undefined;
    fail(`The syncc language server did not start: ${e instanceof Error ? e.message : String(e)}. The output channel "syncc" has the server's messages; the jar must be a syncc CLI that has the \`lsp\` command.`, 'syncc.server.jar');
  }
}

function fail(message: string, setting: string): void {
  startProblem = message;
  output.appendLine(message);
  void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    } else if (choice === 'Show Output') {
      output.show(true);
    }
  });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running && running.state !== State.Stopped) {
    try {
      await running.stop();
    } catch (e) {
      output.appendLine(`Stopping the language server: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine('Restarting the syncc language server');
  await stop();
  await start(context);
}

/**
 * Forwards a command to the server. Arguments given by the caller (a code lens of the server)
 * are passed on as they are; from the palette or a menu, the active .sync document's URI is
 * sent, and for job commands the job under the cursor (or picked) and the cursor position.
 */
async function runServerCommand(command: ServerCommand, args: unknown[]): Promise<unknown> {
  if (starting) {
    await starting;
  }
  if (!client || client.state !== State.Running) {
    const choice = await vscode.window.showErrorMessage(
      startProblem ?? 'syncc: the language server is not running.', 'Restart Server', 'Show Output');
    if (choice === 'Restart Server') {
      await vscode.commands.executeCommand('syncc.restartServer');
    } else if (choice === 'Show Output') {
      output.show(true);
    }
    return undefined;
  }
  let commandArgs: unknown[];
  if (args.length > 0 && typeof args[0] === 'string') {
    commandArgs = args;
  } else {
    const fromMenu = args[0] instanceof vscode.Uri ? args[0] : undefined;
    const editor = vscode.window.activeTextEditor;
    const document = fromMenu && editor?.document.uri.toString() !== fromMenu.toString()
      ? await vscode.workspace.openTextDocument(fromMenu)
      : editor?.document;
    if (!document || document.languageId !== 'sync') {
      void vscode.window.showWarningMessage(`syncc: ${command.title} works on a .sync file: open one first.`);
      return undefined;
    }
    const position = editor && editor.document === document ? editor.selection.active : new vscode.Position(0, 0);
    let job: string | undefined;
    if (command.scope === 'job') {
      const choice = chooseJob(findJobs(document.getText()), document.offsetAt(position));
      if (choice.kind === 'job') {
        job = choice.name;
      } else if (choice.kind === 'pick') {
        job = await vscode.window.showQuickPick(choice.names, { placeHolder: `syncc: ${command.title}: which job?` });
        if (job === undefined) {
          return undefined;
        }
      }
    }
    commandArgs = buildCommandArguments(command, document.uri.toString(), job, { line: position.line, character: position.character });
  }

  const running = client;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `syncc: ${command.title}` },
      () => running.sendRequest(ExecuteCommandRequest.type, { command: command.id, arguments: commandArgs }));
    await present(describeResult(command, result));
    return result;
  } catch (e) {
    const message = `syncc: ${command.title} failed: ${e instanceof Error ? e.message : String(e)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

async function present(p: ReturnType<typeof describeResult>): Promise<void> {
  if (p.details !== undefined) {
    output.appendLine(p.details);
  }
  if (p.document !== undefined) {
    const doc = await vscode.workspace.openTextDocument({ language: p.document.language, content: p.document.content });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  // Not awaited: the command is done when the server answered, not when the notification closes.
  void vscode.window.showInformationMessage(p.message, ...(p.details !== undefined ? ['Show Output'] : [])).then((choice) => {
    if (choice === 'Show Output') {
      output.show(true);
    }
  });
}
