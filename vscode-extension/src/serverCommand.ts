/*
 * The command line of the language server: `java [jvmArgs] -jar <jar> lsp`, and which jar.
 * No vscode import: unit-tested with plain Node.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expandHome } from './java';

/** Where the extension keeps its copy of the CLI jar (put there by scripts/copy-server.js). */
export const BUNDLED_JAR = path.join('server', 'syncc-cli.jar');

export const DEFAULT_JVM_ARGS: readonly string[] = ['-Xmx512m'];

export type JarResolution =
  | { ok: true; jar: string; source: 'setting' | 'bundled' }
  | { ok: false; message: string };

export interface JarLookup {
  /** Value of the setting syncc.server.jar ("" or undefined when unset). */
  setting?: string;
  /** The extension's install folder. */
  extensionPath: string;
  /** The first workspace folder, against which a relative setting is resolved. */
  workspaceFolder?: string;
  homeDir?: string;
  exists?: (p: string) => boolean;
}

/** The jar the server runs from: syncc.server.jar when set, else the bundled one. */
export function resolveServerJar(lookup: JarLookup): JarResolution {
  const exists = lookup.exists ?? ((p: string) => fs.existsSync(p));
  const setting = lookup.setting?.trim() ?? '';
  if (setting !== '') {
    let jar = expandHome(setting, lookup.homeDir ?? os.homedir());
    if (!path.isAbsolute(jar)) {
      if (lookup.workspaceFolder === undefined) {
        return { ok: false, message: `The setting syncc.server.jar ("${setting}") is a relative path, and no folder is open to resolve it against. Use an absolute path.` };
      }
      jar = path.resolve(lookup.workspaceFolder, jar);
    }
    if (!exists(jar)) {
      return { ok: false, message: `The setting syncc.server.jar names ${jar}, which does not exist. Build it with \`mvn -B -DskipTests package\` (it lands in cli/target/syncc-cli.jar) or clear the setting to use the jar bundled with the extension.` };
    }
    return { ok: true, jar, source: 'setting' };
  }
  const bundled = path.join(lookup.extensionPath, BUNDLED_JAR);
  if (!exists(bundled)) {
    return { ok: false, message: `The syncc server jar bundled with the extension is missing (${bundled}). Reinstall the extension, or set syncc.server.jar to a syncc-cli.jar.` };
  }
  return { ok: true, jar: bundled, source: 'bundled' };
}

/**
 * The JVM options of the setting syncc.server.jvmArgs: strings, trimmed, empty ones dropped.
 * A single string (a hand-edited settings.json) is split at whitespace. Anything else: defaults.
 */
export function normaliseJvmArgs(value: unknown): string[] {
  if (typeof value === 'string') {
    return value.split(/\s+/).filter((a) => a !== '');
  }
  if (!Array.isArray(value)) {
    return [...DEFAULT_JVM_ARGS];
  }
  return value.filter((a): a is string => typeof a === 'string').map((a) => a.trim()).filter((a) => a !== '');
}

export interface ServerCommandLine {
  command: string;
  args: string[];
}

/** `java [jvmArgs] -jar <jar> lsp` */
export function buildServerCommand(java: string, jvmArgs: unknown, jar: string): ServerCommandLine {
  return { command: java, args: [...normaliseJvmArgs(jvmArgs), '-jar', jar, 'lsp'] };
}

/** The command line as a person would type it (for the output channel). */
export function formatCommandLine(line: ServerCommandLine): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [line.command, ...line.args].map(quote).join(' ');
}
