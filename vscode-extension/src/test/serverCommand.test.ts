import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildServerCommand, formatCommandLine, normaliseJvmArgs, resolveServerJar } from '../serverCommand';

describe('resolveServerJar', () => {
  const ext = path.resolve('/ext/syncc-vscode');
  const bundled = path.join(ext, 'server', 'syncc-cli.jar');
  it('uses the jar bundled with the extension by default', () => {
    assert.deepEqual(resolveServerJar({ extensionPath: ext, exists: (p) => p === bundled }), { ok: true, jar: bundled, source: 'bundled' });
    assert.deepEqual(resolveServerJar({ setting: ' ', extensionPath: ext, exists: (p) => p === bundled }), { ok: true, jar: bundled, source: 'bundled' });
  });
  it('says when the bundled jar is missing', () => {
    const r = resolveServerJar({ extensionPath: ext, exists: () => false });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /bundled with the extension is missing .*set syncc\.server\.jar/);
  });
  it('uses syncc.server.jar when set: absolute, ~, relative to the workspace folder', () => {
    const abs = path.resolve('/work/cli/target/syncc-cli.jar');
    assert.deepEqual(resolveServerJar({ setting: abs, extensionPath: ext, exists: (p) => p === abs }), { ok: true, jar: abs, source: 'setting' });
    const inHome = path.resolve('/home/me') + '/syncc-cli.jar';
    assert.deepEqual(resolveServerJar({ setting: '~/syncc-cli.jar', homeDir: path.resolve('/home/me'), extensionPath: ext, exists: (p) => p === inHome }),
      { ok: true, jar: inHome, source: 'setting' });
    const rel = path.resolve('/repo', 'cli/target/syncc-cli.jar');
    assert.deepEqual(resolveServerJar({ setting: 'cli/target/syncc-cli.jar', workspaceFolder: path.resolve('/repo'), extensionPath: ext, exists: (p) => p === rel }),
      { ok: true, jar: rel, source: 'setting' });
  });
  it('reports a configured jar that does not exist, and a relative one without a folder', () => {
    const missing = resolveServerJar({ setting: path.resolve('/nope.jar'), extensionPath: ext, exists: () => true && false });
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.match(missing.message, /syncc\.server\.jar names .*nope\.jar, which does not exist/);
    const relative = resolveServerJar({ setting: 'x.jar', extensionPath: ext, exists: () => true });
    assert.equal(relative.ok, false);
    if (!relative.ok) assert.match(relative.message, /relative path, and no folder is open/);
  });
});

describe('buildServerCommand', () => {
  it('is java [jvmArgs] -jar <jar> lsp', () => {
    assert.deepEqual(buildServerCommand('/usr/bin/java', ['-Xmx512m'], '/ext/server/syncc-cli.jar'),
      { command: '/usr/bin/java', args: ['-Xmx512m', '-jar', '/ext/server/syncc-cli.jar', 'lsp'] });
    assert.deepEqual(buildServerCommand('java', [], 'a.jar'), { command: 'java', args: ['-jar', 'a.jar', 'lsp'] });
  });
  it('keeps several JVM options in order, trimmed, without empty ones', () => {
    assert.deepEqual(buildServerCommand('java', [' -Xmx1g ', '', '-Dsyncc.log.level=DEBUG'], 'a.jar').args,
      ['-Xmx1g', '-Dsyncc.log.level=DEBUG', '-jar', 'a.jar', 'lsp']);
  });
  it('takes JVM options given as one string, and defaults for anything else', () => {
    assert.deepEqual(normaliseJvmArgs('-Xmx1g  -XX:+UseSerialGC'), ['-Xmx1g', '-XX:+UseSerialGC']);
    assert.deepEqual(normaliseJvmArgs(undefined), ['-Xmx512m']);
    assert.deepEqual(normaliseJvmArgs({ a: 1 }), ['-Xmx512m']);
    assert.deepEqual(normaliseJvmArgs(['-Xmx1g', 42, null]), ['-Xmx1g']);
  });
  it('prints the command line quoted for a shell', () => {
    assert.equal(formatCommandLine(buildServerCommand('/opt/My JDK/bin/java', ['-Xmx512m'], "/ext/it's/syncc-cli.jar")),
      `'/opt/My JDK/bin/java' -Xmx512m -jar '/ext/it'\\''s/syncc-cli.jar' lsp`);
  });
});
