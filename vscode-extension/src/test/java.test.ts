import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findOnPath, javaCandidates, javaMajor, javaProblemMessage, parseJavaVersion, resolveJava } from '../java';

describe('parseJavaVersion', () => {
  const cases: Array<[string, string, number]> = [
    ['openjdk version "17.0.2" 2022-01-18\nOpenJDK Runtime Environment (build 17.0.2+8-86)\n', '17.0.2', 17],
    ['java version "1.8.0_392"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)\n', '1.8.0_392', 8],
    ['openjdk version "21" 2023-09-19\nOpenJDK Runtime Environment (build 21+35-2513)\n', '21', 21],
    ['openjdk version "22-ea" 2024-03-19\n', '22-ea', 22],
    ['openjdk version "11.0.21" 2023-10-17 LTS\n', '11.0.21', 11],
    ['java version "9"\n', '9', 9],
    ['openjdk version "1.7.0_352"\n', '1.7.0_352', 7],
    ['Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF8\nopenjdk version "17.0.15" 2025-04-15\n', '17.0.15', 17],
    ['openjdk 21.0.1 2023-10-17\nOpenJDK Runtime Environment Temurin-21.0.1+12 (build 21.0.1+12)\n', '21.0.1', 21],
  ];
  for (const [output, version, major] of cases) {
    it(`reads ${version} as Java ${major}`, () => {
      assert.deepEqual(parseJavaVersion(output), { version, major });
    });
  }
  it('returns undefined when there is no version', () => {
    assert.equal(parseJavaVersion('bash: java: command not found'), undefined);
    assert.equal(parseJavaVersion(''), undefined);
  });
  it('takes the feature release from a version string', () => {
    assert.equal(javaMajor('1.8.0_392'), 8);
    assert.equal(javaMajor('17.0.2'), 17);
    assert.equal(javaMajor('21'), 21);
    assert.equal(javaMajor('25-ea'), 25);
    assert.equal(javaMajor('x'), undefined);
  });
});

/** A fake file system for discovery: path -> kind. */
function fakeStat(entries: Record<string, 'file' | 'directory'>) {
  return (p: string) => entries[p];
}

describe('javaCandidates (discovery order)', () => {
  const stat = fakeStat({
    '/opt/jdk17': 'directory', '/opt/jdk17/bin/java': 'file',
    '/opt/jdk11': 'directory', '/opt/jdk11/bin/java': 'file',
    '/opt/empty': 'directory',
    '/usr/bin/java': 'file',
    '/home/me/jdk': 'directory', '/home/me/jdk/bin/java': 'file',
  });
  it('uses only the setting when it is set', () => {
    const c = javaCandidates({ javaHomeSetting: '/opt/jdk17', env: { JAVA_HOME: '/opt/jdk11', PATH: '/usr/bin' }, platform: 'linux', stat });
    assert.deepEqual(c, [{ source: 'setting', location: '/opt/jdk17', executable: '/opt/jdk17/bin/java' }]);
  });
  it('accepts the path of a java executable in the setting', () => {
    const c = javaCandidates({ javaHomeSetting: '/usr/bin/java', env: {}, platform: 'linux', stat });
    assert.equal(c[0].executable, '/usr/bin/java');
  });
  it('expands ~ in the setting', () => {
    const c = javaCandidates({ javaHomeSetting: '~/jdk', env: {}, platform: 'linux', stat, homeDir: '/home/me' });
    assert.equal(c[0].executable, '/home/me/jdk/bin/java');
  });
  it('reports a setting that does not exist or has no bin/java', () => {
    assert.equal(javaCandidates({ javaHomeSetting: '/nope', env: {}, platform: 'linux', stat })[0].problem, 'does not exist');
    assert.equal(javaCandidates({ javaHomeSetting: '/opt/empty', env: {}, platform: 'linux', stat })[0].problem, 'has no bin/java');
  });
  it('then JAVA_HOME, then the PATH', () => {
    const c = javaCandidates({ javaHomeSetting: '  ', env: { JAVA_HOME: '/opt/jdk11', PATH: '/nothing:/usr/bin' }, platform: 'linux', stat });
    assert.deepEqual(c.map((x) => [x.source, x.executable]), [['JAVA_HOME', '/opt/jdk11/bin/java'], ['PATH', '/usr/bin/java']]);
  });
  it('reports a PATH without java', () => {
    const c = javaCandidates({ env: { PATH: '/nothing' }, platform: 'linux', stat });
    assert.deepEqual(c, [{ source: 'PATH', location: 'PATH', problem: 'has no java' }]);
  });
  it('finds java.exe on a Windows Path', () => {
    const winStat = fakeStat({ 'C:\\jdk\\bin\\java.exe': 'file' });
    assert.equal(findOnPath('java.exe', { Path: 'C:\\Windows;"C:\\jdk\\bin"' }, 'win32', winStat), 'C:\\jdk\\bin\\java.exe');
    const c = javaCandidates({ env: { JAVA_HOME: 'C:\\jdk' }, platform: 'win32', stat: fakeStat({ 'C:\\jdk': 'directory', 'C:\\jdk\\bin\\java.exe': 'file' }) });
    assert.equal(c[0].executable, 'C:\\jdk\\bin\\java.exe');
  });
});

describe('resolveJava with a stubbed `java -version`', () => {
  const stat = fakeStat({
    '/opt/jdk17': 'directory', '/opt/jdk17/bin/java': 'file',
    '/opt/jdk8': 'directory', '/opt/jdk8/bin/java': 'file',
    '/usr/bin/java': 'file',
  });
  const versions: Record<string, string> = {
    '/opt/jdk17/bin/java': 'openjdk version "17.0.2" 2022-01-18',
    '/opt/jdk8/bin/java': 'java version "1.8.0_392"',
    '/usr/bin/java': 'openjdk version "21" 2023-09-19',
  };
  const probe = async (exe: string) => versions[exe];

  it('passes over a JAVA_HOME that is too old and takes java on the PATH', async () => {
    const r = await resolveJava({ env: { JAVA_HOME: '/opt/jdk8', PATH: '/usr/bin' }, platform: 'linux', stat }, probe);
    assert.ok(r.ok);
    assert.equal(r.executable, '/usr/bin/java');
    assert.equal(r.major, 21);
    assert.equal(r.source, 'PATH');
    assert.match(r.tried[0].problem ?? '', /Java 1\.8\.0_392, older than 17/);
  });
  it('prefers JAVA_HOME to the PATH', async () => {
    const r = await resolveJava({ env: { JAVA_HOME: '/opt/jdk17', PATH: '/usr/bin' }, platform: 'linux', stat }, probe);
    assert.ok(r.ok);
    assert.equal(r.executable, '/opt/jdk17/bin/java');
    assert.equal(r.version, '17.0.2');
  });
  it('refuses a setting that names Java 8, and says what to set', async () => {
    const r = await resolveJava({ javaHomeSetting: '/opt/jdk8', env: { PATH: '/usr/bin' }, platform: 'linux', stat }, probe);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.message, /needs Java 17 or newer/);
      assert.match(r.message, /syncc\.java\.home \("\/opt\/jdk8"\): \/opt\/jdk8\/bin\/java is Java 1\.8\.0_392, older than 17/);
      assert.match(r.message, /Point "syncc\.java\.home" at a JDK or JRE 17\+/);
      assert.doesNotMatch(r.message, /Tried .*the PATH:/);
    }
  });
  it('names every place tried when there is no Java at all', async () => {
    const r = await resolveJava({ env: { JAVA_HOME: '/gone', PATH: '/nothing' }, platform: 'linux', stat }, probe);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.message,
        'syncc needs Java 17 or newer to run its language server, and found none. Tried JAVA_HOME (/gone): does not exist; the PATH: has no java. '
        + 'Install a JDK 17+ (for example Eclipse Temurin 17) and set "syncc.java.home" to its folder, or set JAVA_HOME, or put its bin on the PATH.');
    }
  });
  it('reports a java that cannot be run or prints no version', async () => {
    const failing = async (exe: string) => {
      if (exe === '/usr/bin/java') throw Object.assign(new Error('spawn EACCES'), { code: 'EACCES' });
      return 'Error: could not create the Java Virtual Machine.';
    };
    const r = await resolveJava({ env: { JAVA_HOME: '/opt/jdk17', PATH: '/usr/bin' }, platform: 'linux', stat }, failing);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.message, /\/opt\/jdk17\/bin\/java -version printed no version \("Error: could not create the Java Virtual Machine\."\)/);
      assert.match(r.message, /\/usr\/bin\/java could not be run \(EACCES\)/);
    }
  });
  it('formats a message for an empty list too', () => {
    assert.match(javaProblemMessage([]), /needs Java 17/);
  });
});

describe('resolveJava end to end: a fake java on the PATH, run for real', { skip: process.platform === 'win32' ? 'POSIX shell scripts' : false }, () => {
  function fakeJava(dir: string, versionLine: string): string {
    fs.mkdirSync(dir, { recursive: true });
    const exe = path.join(dir, 'java');
    // Like the real one: the version goes to stderr, and only for -version.
    fs.writeFileSync(exe, `#!/bin/sh\nif [ "$1" != "-version" ]; then echo "unexpected arguments: $*" >&2; exit 3; fi\n`
      + `echo '${versionLine}' >&2\necho 'OpenJDK Runtime Environment (build x)' >&2\nexit 0\n`, { mode: 0o755 });
    return exe;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syncc-java-'));

  it('finds java 17.0.2 on the PATH', async () => {
    const bin = path.join(tmp, 'a', 'bin');
    const exe = fakeJava(bin, 'openjdk version "17.0.2" 2022-01-18');
    const r = await resolveJava({ env: { PATH: `${path.join(tmp, 'nothing')}:${bin}` }, platform: process.platform });
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(r.executable, exe);
    assert.equal(r.version, '17.0.2');
    assert.equal(r.source, 'PATH');
  });
  it('finds openjdk version "21" in JAVA_HOME before an older one on the PATH', async () => {
    const home = path.join(tmp, 'jdk21');
    const exe = fakeJava(path.join(home, 'bin'), 'openjdk version "21" 2023-09-19');
    const oldBin = path.join(tmp, 'old', 'bin');
    fakeJava(oldBin, 'java version "1.8.0_392"');
    const r = await resolveJava({ env: { JAVA_HOME: home, PATH: oldBin }, platform: process.platform });
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(r.executable, exe);
    assert.equal(r.major, 21);
  });
  it('refuses java 1.8.0_392 on the PATH with a message naming it', async () => {
    const bin = path.join(tmp, 'java8', 'bin');
    const exe = fakeJava(bin, 'java version "1.8.0_392"');
    const r = await resolveJava({ env: { PATH: bin }, platform: process.platform });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.message, new RegExp(`the PATH: ${exe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is Java 1\\.8\\.0_392, older than 17`));
      assert.match(r.message, /set "syncc\.java\.home"/);
    }
  });
  it('uses the setting before JAVA_HOME and the PATH', async () => {
    const home = path.join(tmp, 'configured');
    const exe = fakeJava(path.join(home, 'bin'), 'openjdk version "17.0.15" 2025-04-15');
    const r = await resolveJava({ javaHomeSetting: home, env: { JAVA_HOME: path.join(tmp, 'jdk21'), PATH: path.join(tmp, 'a', 'bin') }, platform: process.platform });
    assert.ok(r.ok);
    assert.equal(r.executable, exe);
    assert.equal(r.source, 'setting');
  });
  it('reports a java that is not executable', async () => {
    const bin = path.join(tmp, 'noexec', 'bin');
    const exe = fakeJava(bin, 'openjdk version "17.0.2"');
    fs.chmodSync(exe, 0o644);
    const r = await resolveJava({ javaHomeSetting: exe, env: {}, platform: process.platform });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.message, /could not be run \(EACCES\)/);
    }
  });
});
