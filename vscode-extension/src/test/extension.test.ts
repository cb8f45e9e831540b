/*
 * extension.ts against stand-ins for the `vscode` API and the language client: what it starts
 * (the command line, the working folder, the documents), what it refuses to start, and what each
 * command sends to the server. The stand-ins behave like VS Code where it matters here: a command
 * id can be registered once.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { offsetAt } from '../commands';

const Module = require('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

interface Sent { command: string; arguments: unknown[] }

class FakeUri {
  constructor(private readonly value: string) {}
  toString() { return this.value; }
  static parse(v: string) { return new FakeUri(v); }
}

class FakePosition {
  constructor(readonly line: number, readonly character: number) {}
}

function fakeDocument(uri: string, text: string, languageId = 'sync') {
  return {
    uri: new FakeUri(uri),
    languageId,
    getText: () => text,
    offsetAt: (p: FakePosition) => offsetAt(text, p),
  };
}

/** Everything the fakes recorded, and the knobs of one scenario. */
interface World {
  settings: Record<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  errors: string[];
  infos: string[];
  warnings: string[];
  output: string[];
  opened: Array<{ language: string; content: string }>;
  clients: FakeClient[];
  quickPick?: string;
  activeTextEditor?: { document: ReturnType<typeof fakeDocument>; selection: { active: FakePosition } };
  startFails?: string;
  serverResult?: unknown;
  registeredByClient: string[];
}

let world: World;

class FakeClient {
  state = 1; // Stopped
  sent: Sent[] = [];
  private readonly registrations: Array<{ dispose(): unknown }> = [];
  readonly feature = { register: (data: { registerOptions: { commands?: string[] } }) => {
    for (const c of data.registerOptions.commands ?? []) {
      this.registrations.push(registerCommand(c, () => undefined));
      world.registeredByClient.push(c);
    }
  } };
  constructor(readonly id: string, readonly name: string, readonly serverOptions: { run: { command: string; args: string[]; options: { cwd?: string } } },
    readonly clientOptions: { documentSelector: Array<{ scheme: string; language: string }>; initializationOptions?: unknown }) {
    world.clients.push(this);
  }
  getFeature(method: string) { return method === 'workspace/executeCommand' ? this.feature : undefined; }
  async start() {
    if (world.startFails) throw new Error(world.startFails);
    this.state = 2; // Running
    // The server announces its commands, as an LSP4J server with executeCommandProvider does.
    this.feature.register({ registerOptions: { commands: ['syncc.preview', 'syncc.run', 'syncc.applyQuickFix'] } });
  }
  async stop() {
    // Like the real client: stopping unregisters the commands the server announced.
    this.registrations.splice(0).forEach((r) => r.dispose());
    this.state = 1;
  }
  async sendRequest(_type: unknown, params: Sent) {
    this.sent.push(params);
    return world.serverResult;
  }
}

function registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
  if (world.commands.has(id)) throw new Error(`command '${id}' already exists`);
  world.commands.set(id, fn);
  return { dispose: () => world.commands.delete(id) };
}

const fakeVscode = {
  Uri: FakeUri,
  Position: FakePosition,
  ProgressLocation: { Window: 10 },
  window: {
    createOutputChannel: () => ({ appendLine: (l: string) => world.output.push(l), show: () => undefined, dispose: () => undefined }),
    showErrorMessage: async (m: string) => { world.errors.push(m); return undefined; },
    showInformationMessage: async (m: string) => { world.infos.push(m); return undefined; },
    showWarningMessage: async (m: string) => { world.warnings.push(m); return undefined; },
    showQuickPick: async () => world.quickPick,
    withProgress: async (_o: unknown, task: () => Promise<unknown>) => task(),
    showTextDocument: async () => undefined,
    get activeTextEditor() { return world.activeTextEditor; },
  },
  workspace: {
    getConfiguration: () => ({ get: (key: string, def?: unknown) => (key in world.settings ? world.settings[key] : def) }),
    workspaceFolders: [{ uri: { fsPath: '/projects/sync-jobs' } }],
    onDidChangeConfiguration: () => ({ dispose: () => undefined }),
    createFileSystemWatcher: () => ({ dispose: () => undefined }),
    openTextDocument: async (d: { language: string; content: string }) => { world.opened.push(d); return d; },
  },
  commands: {
    registerCommand,
    executeCommand: async (id: string, ...args: unknown[]) => world.commands.get(id)?.(...args),
  },
};

const fakeClientModule = {
  LanguageClient: FakeClient,
  ExecuteCommandRequest: { type: { method: 'workspace/executeCommand' }, method: 'workspace/executeCommand' },
  State: { Stopped: 1, Running: 2, Starting: 3 },
  TransportKind: { stdio: 0 },
};

const originalLoad = Module._load;
const extensionModule = require.resolve('../extension');
let tmp: string;
let savedEnv: NodeJS.ProcessEnv;
let context: { extensionPath: string; subscriptions: Array<{ dispose(): unknown }> };

function fakeJava(dir: string, version: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const exe = path.join(dir, 'java');
  fs.writeFileSync(exe, `#!/bin/sh\necho 'openjdk version "${version}" 2025-01-01' >&2\n`, { mode: 0o755 });
  return exe;
}

async function activate() {
  delete require.cache[extensionModule];
  const ext = require('../extension') as { activate(c: unknown): Promise<void>; deactivate(): Promise<void> };
  await ext.activate(context);
  return ext;
}

describe('extension (with stand-ins for VS Code)', { skip: process.platform === 'win32' ? 'POSIX shell scripts' : false }, () => {
  beforeEach(() => {
    world = { settings: {}, commands: new Map(), errors: [], infos: [], warnings: [], output: [], opened: [], clients: [], registeredByClient: [] };
    Module._load = function (request: string, parent: unknown, isMain: boolean) {
      if (request === 'vscode') return fakeVscode;
      if (request === 'vscode-languageclient/node') return fakeClientModule;
      return originalLoad.call(this, request, parent, isMain);
    };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syncc-ext-'));
    fs.mkdirSync(path.join(tmp, 'ext', 'server'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'ext', 'server', 'syncc-cli.jar'), '');
    context = { extensionPath: path.join(tmp, 'ext'), subscriptions: [] };
    savedEnv = { ...process.env };
    delete process.env.JAVA_HOME;
    process.env.PATH = path.join(tmp, 'bin');
  });
  afterEach(() => {
    Module._load = originalLoad;
    process.env = savedEnv;
  });

  it('starts `java -Xmx512m -jar <extension>/server/syncc-cli.jar lsp` in the workspace folder', async () => {
    const java = fakeJava(path.join(tmp, 'bin'), '17.0.2');
    await activate();
    assert.deepEqual(world.errors, []);
    assert.equal(world.clients.length, 1);
    const [client] = world.clients;
    assert.equal(client.id, 'syncc');
    assert.equal(client.serverOptions.run.command, java);
    assert.deepEqual(client.serverOptions.run.args, ['-Xmx512m', '-jar', path.join(tmp, 'ext', 'server', 'syncc-cli.jar'), 'lsp']);
    assert.equal(client.serverOptions.run.options.cwd, '/projects/sync-jobs');
    assert.deepEqual(client.clientOptions.documentSelector.map((d) => d.language), ['sync', 'sync']);
    assert.ok(world.output.some((l) => l.includes('Java 17.0.2 (from PATH)')));
  });

  it('registers its commands, and the client only the server commands it does not own', async () => {
    fakeJava(path.join(tmp, 'bin'), '21');
    await activate();
    for (const id of ['syncc.preview', 'syncc.ping', 'syncc.run', 'syncc.refreshMetadata', 'syncc.generateDdl', 'syncc.pullCatalog', 'syncc.restartServer', 'syncc.applyQuickFix']) {
      assert.ok(world.commands.has(id), id);
    }
    assert.deepEqual(world.registeredByClient, ['syncc.applyQuickFix']);
  });

  it('uses the settings: java.home, server.jar and jvmArgs', async () => {
    const home = path.join(tmp, 'jdk');
    const java = fakeJava(path.join(home, 'bin'), '17.0.15');
    const jar = path.join(tmp, 'own.jar');
    fs.writeFileSync(jar, '');
    world.settings = { 'java.home': home, 'server.jar': jar, 'server.jvmArgs': ['-Xmx1g', '-Dsyncc.log.level=DEBUG'], environment: 'prod' };
    await activate();
    assert.equal(world.clients[0].serverOptions.run.command, java);
    assert.deepEqual(world.clients[0].serverOptions.run.args, ['-Xmx1g', '-Dsyncc.log.level=DEBUG', '-jar', jar, 'lsp']);
    assert.deepEqual(world.clients[0].clientOptions.initializationOptions, { environment: 'prod' });
  });

  it('does not start without Java 17, says why, and says it again when a command is used', async () => {
    fakeJava(path.join(tmp, 'bin'), '1.8.0_392');
    await activate();
    assert.equal(world.clients.length, 0);
    assert.equal(world.errors.length, 1);
    assert.match(world.errors[0], /needs Java 17 or newer.*the PATH: .*java is Java 1\.8\.0_392, older than 17.*syncc\.java\.home/);
    await world.commands.get('syncc.run')!();
    assert.equal(world.errors.length, 2);
    assert.equal(world.errors[1], world.errors[0]);
  });

  it('does not start when the jar is missing', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    fs.rmSync(path.join(tmp, 'ext', 'server', 'syncc-cli.jar'));
    await activate();
    assert.equal(world.clients.length, 0);
    assert.match(world.errors[0], /server jar bundled with the extension is missing/);
  });

  it('reports a server that does not start', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    world.startFails = 'Connection to server got closed. Server will not be restarted.';
    await activate();
    assert.match(world.errors[0], /did not start: Connection to server got closed.*`lsp` command/);
  });

  it('sends the job under the cursor with run, preview and generateDdl; only the URI with ping', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    await activate();
    const text = 'job first {\n  source a.b\n}\n\njob second {\n  source c.d\n}\n';
    world.activeTextEditor = { document: fakeDocument('file:///p/jobs.sync', text), selection: { active: new FakePosition(5, 3) } };
    await world.commands.get('syncc.run')!();
    await world.commands.get('syncc.ping')!();
    world.serverResult = 'CREATE TABLE "public"."d" ("id" bigint);';
    await world.commands.get('syncc.generateDdl')!();
    assert.deepEqual(world.clients[0].sent, [
      { command: 'syncc.run', arguments: ['file:///p/jobs.sync', 'second', { line: 5, character: 3 }] },
      { command: 'syncc.ping', arguments: ['file:///p/jobs.sync'] },
      { command: 'syncc.generateDdl', arguments: ['file:///p/jobs.sync', 'second', { line: 5, character: 3 }] },
    ]);
    assert.deepEqual(world.opened, [{ language: 'sql', content: 'CREATE TABLE "public"."d" ("id" bigint);' }]);
  });

  it('asks which job when the cursor is outside every job, and sends nothing when the pick is cancelled', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    await activate();
    const text = 'job first {\n}\n\njob second {\n}\n';
    world.activeTextEditor = { document: fakeDocument('file:///p/jobs.sync', text), selection: { active: new FakePosition(2, 0) } };
    world.quickPick = 'first';
    await world.commands.get('syncc.preview')!();
    world.quickPick = undefined;
    await world.commands.get('syncc.preview')!();
    assert.deepEqual(world.clients[0].sent, [{ command: 'syncc.preview', arguments: ['file:///p/jobs.sync', 'first', { line: 2, character: 0 }] }]);
  });

  it('passes the arguments of a code lens on unchanged', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    await activate();
    await world.commands.get('syncc.run')!('file:///p/a.sync', 'orders');
    assert.deepEqual(world.clients[0].sent, [{ command: 'syncc.run', arguments: ['file:///p/a.sync', 'orders'] }]);
  });

  it('wants a .sync file for a command from the palette', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    await activate();
    world.activeTextEditor = { document: fakeDocument('file:///p/readme.md', '# x', 'markdown'), selection: { active: new FakePosition(0, 0) } };
    await world.commands.get('syncc.pullCatalog')!();
    assert.deepEqual(world.clients[0].sent, []);
    assert.match(world.warnings[0], /works on a \.sync file/);
  });

  it('restarts the server with syncc.restartServer', async () => {
    fakeJava(path.join(tmp, 'bin'), '17.0.2');
    const ext = await activate();
    await world.commands.get('syncc.restartServer')!();
    assert.deepEqual(world.errors, []);
    assert.equal(world.clients.length, 2);
    assert.equal(world.clients[0].state, 1);
    assert.equal(world.clients[1].state, 2);
    await ext.deactivate();
    assert.equal(world.clients[1].state, 1);
  });
});
