/*
 * Finding a Java 17+ to run the language server: the setting syncc.java.home, else JAVA_HOME,
 * else `java` on the PATH, each checked with `java -version`. No vscode import: unit-tested
 * with plain Node.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const MINIMUM_JAVA = 17;

export type JavaSource = 'setting' | 'JAVA_HOME' | 'PATH';

/** One place Java was looked for, and what was found there. */
export interface JavaCandidate {
  source: JavaSource;
  /** What was looked at: the configured or inherited path, or the PATH. */
  location: string;
  /** The java executable found there, if any. */
  executable?: string;
  /** Why this candidate cannot be used (missing, not runnable, too old). */
  problem?: string;
  /** The version `java -version` printed, once run. */
  version?: string;
  major?: number;
}

export type JavaResolution =
  | { ok: true; executable: string; version: string; major: number; source: JavaSource; tried: JavaCandidate[] }
  | { ok: false; message: string; tried: JavaCandidate[] };

export interface JavaLookup {
  /** Value of the setting syncc.java.home ("" or undefined when unset). */
  javaHomeSetting?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir?: string;
  /** Injected for tests; default: the real file system. */
  stat?: (p: string) => 'file' | 'directory' | undefined;
}

/**
 * The Java version of `java -version` output (printed to stderr): `openjdk version "17.0.2"`,
 * `java version "1.8.0_392"`, `openjdk version "21" 2023-09-19`, `openjdk version "22-ea"`; also
 * the `java --version` form `openjdk 21.0.1 2023-10-17`. Undefined when none is recognised.
 */
export function parseJavaVersion(output: string): { version: string; major: number } | undefined {
  const quoted = /\bversion\s+"([^"]+)"/.exec(output);
  const bare = /^\s*(?:openjdk|java)\s+(\d[\w.+-]*)/im.exec(output);
  const version = quoted?.[1] ?? bare?.[1];
  if (version === undefined) {
    return undefined;
  }
  const major = javaMajor(version);
  return major === undefined ? undefined : { version, major };
}

/** The feature release of a Java version string: 8 for `1.8.0_392`, 17 for `17.0.2`, 21 for `21-ea`. */
export function javaMajor(version: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) {
    return undefined;
  }
  const first = Number(m[1]);
  if (first === 1 && m[2] !== undefined) {
    return Number(m[2]);
  }
  return first;
}

export function javaExecutableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'java.exe' : 'java';
}

function pathModule(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function realStat(p: string): 'file' | 'directory' | undefined {
  try {
    const s = fs.statSync(p);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** `~` and `~/...` as the home folder; other paths unchanged. */
export function expandHome(p: string, homeDir: string = os.homedir()): string {
  if (p === '~') {
    return homeDir;
  }
  if (p.startsWith('~/') || p.startsWith('~\\')) {
    return homeDir + p.slice(1);
  }
  return p;
}

/** The first `java` on the PATH, the way a shell finds it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform,
    stat: (p: string) => 'file' | 'directory' | undefined = realStat): string | undefined {
  const p = pathModule(platform);
  // Windows keeps the variable as "Path"; environments copied from it may too.
  const pathVar = env.PATH ?? env.Path ?? env.path ?? '';
  const delimiter = platform === 'win32' ? ';' : ':';
  for (const dir of pathVar.split(delimiter)) {
    if (dir.trim() === '') {
      continue;
    }
    const candidate = p.join(dir.replace(/^"(.*)"$/, '$1'), name);
    if (stat(candidate) === 'file') {
      return candidate;
    }
  }
  return undefined;
}

/** A Java home folder (bin/java in it) or a java executable itself. */
function fromHome(source: JavaSource, location: string, lookup: JavaLookup,
    stat: (p: string) => 'file' | 'directory' | undefined): JavaCandidate {
  const p = pathModule(lookup.platform);
  const expanded = expandHome(location, lookup.homeDir);
  const kind = stat(expanded);
  if (kind === 'file') {
    return { source, location, executable: expanded };
  }
  if (kind === 'directory') {
    const exe = p.join(expanded, 'bin', javaExecutableName(lookup.platform));
    if (stat(exe) === 'file') {
      return { source, location, executable: exe };
    }
    return { source, location, problem: `has no ${p.join('bin', javaExecutableName(lookup.platform))}` };
  }
  return { source, location, problem: 'does not exist' };
}

/**
 * Where to look, in order. An explicit syncc.java.home is the only candidate (it is what the
 * user chose, so a wrong one is reported rather than silently passed over); otherwise JAVA_HOME,
 * then the PATH.
 */
export function javaCandidates(lookup: JavaLookup): JavaCandidate[] {
  const stat = lookup.stat ?? realStat;
  const setting = lookup.javaHomeSetting?.trim() ?? '';
  if (setting !== '') {
    return [fromHome('setting', setting, lookup, stat)];
  }
  const candidates: JavaCandidate[] = [];
  const javaHome = lookup.env.JAVA_HOME?.trim() ?? '';
  if (javaHome !== '') {
    candidates.push(fromHome('JAVA_HOME', javaHome, lookup, stat));
  }
  const onPath = findOnPath(javaExecutableName(lookup.platform), lookup.env, lookup.platform, stat);
  candidates.push(onPath !== undefined
    ? { source: 'PATH', location: 'PATH', executable: onPath }
    : { source: 'PATH', location: 'PATH', problem: `has no ${javaExecutableName(lookup.platform)}` });
  return candidates;
}

export type VersionProbe = (executable: string) => Promise<string>;

/** Runs `java -version` and returns what it printed (stderr, then stdout). */
export const runJavaVersion: VersionProbe = (executable) => new Promise((resolve, reject) => {
  execFile(executable, ['-version'], { timeout: 20_000, windowsHide: true }, (error, stdout, stderr) => {
    const text = `${stderr ?? ''}${stdout ?? ''}`;
    if (error && parseJavaVersion(text) === undefined) {
      reject(error);
    } else {
      resolve(text);
    }
  });
});

/**
 * The first candidate whose `java -version` says 17 or newer; or, when there is none, a message
 * naming every place tried and what to set.
 */
export async function resolveJava(lookup: JavaLookup, probe: VersionProbe = runJavaVersion): Promise<JavaResolution> {
  const tried = javaCandidates(lookup);
  for (const candidate of tried) {
    if (candidate.executable === undefined) {
      continue;
    }
    let output: string;
    try {
      output = await probe(candidate.executable);
    } catch (e) {
      candidate.problem = `${candidate.executable} could not be run (${errorText(e)})`;
      continue;
    }
    const parsed = parseJavaVersion(output);
    if (parsed === undefined) {
      const firstLine = output.trim().split(/\r?\n/)[0] ?? '';
      candidate.problem = `${candidate.executable} -version printed no version${firstLine ? ` ("${firstLine}")` : ''}`;
      continue;
    }
    candidate.version = parsed.version;
    candidate.major = parsed.major;
    if (parsed.major < MINIMUM_JAVA) {
      candidate.problem = `${candidate.executable} is Java ${parsed.version}, older than ${MINIMUM_JAVA}`;
      continue;
    }
    return { ok: true, executable: candidate.executable, version: parsed.version, major: parsed.major, source: candidate.source, tried };
  }
  return { ok: false, message: javaProblemMessage(tried), tried };
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return e instanceof Error ? e.message : String(e);
}

function describeCandidate(c: JavaCandidate): string {
  const label = c.source === 'setting' ? `the setting syncc.java.home ("${c.location}")`
    : c.source === 'JAVA_HOME' ? `JAVA_HOME (${c.location})`
    : 'the PATH';
  return `${label}: ${c.problem ?? 'not tried'}`;
}

/** "syncc needs Java 17 or newer ... Tried: ...; set ..." */
export function javaProblemMessage(tried: readonly JavaCandidate[]): string {
  const list = tried.map(describeCandidate).join('; ');
  const explicit = tried.length === 1 && tried[0].source === 'setting';
  const advice = explicit
    ? 'Point "syncc.java.home" at a JDK or JRE 17+ folder (or its bin/java), or clear it to use JAVA_HOME or the PATH.'
    : 'Install a JDK 17+ (for example Eclipse Temurin 17) and set "syncc.java.home" to its folder, or set JAVA_HOME, or put its bin on the PATH.';
  return `syncc needs Java ${MINIMUM_JAVA} or newer to run its language server, and found none. Tried ${list}. ${advice}`;
}
