/*
 * The real server, started the way the extension starts it (buildServerCommand), spoken to over
 * stdio with the LSP library the client uses: initialize, the commands it announces, a
 * diagnostic for a document with a syntax error, shutdown. Needs the CLI jar (Maven builds it
 * before this module; by hand: mvn -B -DskipTests package -pl cli -am).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import {
  createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
  InitializeResult, PublishDiagnosticsNotification, PublishDiagnosticsParams, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { SERVER_COMMANDS } from '../commands';
import { resolveJava } from '../java';
import { buildServerCommand, DEFAULT_JVM_ARGS } from '../serverCommand';

const root = path.resolve(__dirname, '..', '..');
const jar = path.resolve(root, process.env.SYNCC_CLI_JAR || path.join('..', 'cli', 'target', 'syncc-cli.jar'));

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref())]);
}

describe('the language server over stdio', () => {
  before(() => assert.ok(fs.existsSync(jar), `no CLI jar at ${jar}: build it with mvn -B -DskipTests package -pl cli -am`));
  it('initializes, announces the syncc commands, reports a syntax error, shuts down', async (t) => {
    const java = await resolveJava({ env: process.env, platform: process.platform });
    assert.ok(java.ok, java.ok ? '' : java.message);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'syncc-lsp-'));
    const line = buildServerCommand(java.executable, DEFAULT_JVM_ARGS, jar);
    const server = spawn(line.command, line.args, { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d) => { stderr += String(d); });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    t.after(() => { if (server.exitCode === null) server.kill(); });

    const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const uri = pathToFileURL(path.join(folder, 'broken.sync')).toString();
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
      connection.onNotification(PublishDiagnosticsNotification.type, (p) => { if (p.uri === uri && p.diagnostics.length > 0) resolve(p); });
    });
    connection.listen();

    const answer = await within(60_000, 'initialize', Promise.race([
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(folder).toString(),
        workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'jobs' }],
        capabilities: { workspace: { executeCommand: { dynamicRegistration: true } } },
      }),
      exited.then((code) => ({ exitedWith: code })),
    ]));
    if ('exitedWith' in answer) {
      assert.fail(`the server exited with ${answer.exitedWith}:\n${stderr}`);
    }
    const init = answer as InitializeResult;
    const announced = init.capabilities.executeCommandProvider?.commands ?? [];
    for (const c of SERVER_COMMANDS) {
      assert.ok(announced.includes(c.id), `the server announces ${c.id} (it announces: ${announced.join(', ')})`);
    }
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'sync', version: 1, text: 'job x {\n  sinc a.b { }\n}\n' },
    });
    const published = await within(30_000, 'diagnostics of a document with a syntax error', diagnostics);
    assert.equal(published.diagnostics[0].range.start.line, 1);

    await within(30_000, 'shutdown', connection.sendRequest(ShutdownRequest.type));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await within(30_000, 'exit', exited), 0);
    connection.dispose();
  });
});
