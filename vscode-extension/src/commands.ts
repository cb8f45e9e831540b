/*
 * The commands the extension forwards to the language server (workspace/executeCommand), the
 * arguments it sends, the job under the cursor, and how a result is shown. No vscode import:
 * unit-tested with plain Node.
 */

export interface ServerCommand {
  id: string;
  title: string;
  /** 'job' commands act on one job (sent: uri, job, position); 'file' ones on the file (sent: uri). */
  scope: 'job' | 'file';
}

export const SERVER_COMMANDS: readonly ServerCommand[] = [
  { id: 'syncc.preview', title: 'Preview Data', scope: 'job' },
  { id: 'syncc.ping', title: 'Test Connection', scope: 'file' },
  { id: 'syncc.run', title: 'Run Job', scope: 'job' },
  { id: 'syncc.refreshMetadata', title: 'Refresh Metadata', scope: 'file' },
  { id: 'syncc.generateDdl', title: 'Generate Target Table DDL', scope: 'job' },
  { id: 'syncc.pullCatalog', title: 'Pull Catalog Snapshot', scope: 'file' },
];

/** Commands only the client handles. */
export const CLIENT_COMMANDS: readonly string[] = ['syncc.restartServer'];

/** Every command id the extension registers itself (the server's must not be registered twice). */
export const OWNED_COMMANDS: ReadonlySet<string> = new Set([...SERVER_COMMANDS.map((c) => c.id), ...CLIENT_COMMANDS]);

export interface Position {
  line: number;
  /** UTF-16 code units, as in LSP and in JavaScript strings. */
  character: number;
}

/**
 * The arguments of workspace/executeCommand: `[uri]` for a file command,
 * `[uri, job, position]` for a job command (job null when the file has none).
 */
export function buildCommandArguments(command: ServerCommand, uri: string, job: string | undefined, position: Position): unknown[] {
  if (command.scope === 'file') {
    return [uri];
  }
  return [uri, job ?? null, { line: position.line, character: position.character }];
}

// ------------------------------------------------------------------ jobs of a document

export interface JobDeclaration {
  name: string;
  /** Offset of the `job` keyword. */
  start: number;
  /** Offset after its closing `}` (the end of the text when it is not closed). */
  end: number;
}

interface Token {
  kind: 'word' | 'quoted' | 'lbrace' | 'rbrace' | 'other';
  text: string;
  start: number;
  end: number;
  /** The token is the first on its line and starts at column 0. */
  atLineStart: boolean;
}

/** A small lexer after Sync.g4: comments, strings, `${param}` and backquoted names are single tokens. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f') {
      i++;
      continue;
    }
    const atLineStart = i === 0 || text[i - 1] === '\n';
    const start = i;
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r') {
        i += text[i] === '\\' && i + 1 < n && text[i + 1] !== '\n' && text[i + 1] !== '\r' ? 2 : 1;
      }
      if (text[i] === '"') i++;
      tokens.push({ kind: 'other', text: text.slice(start, i), start, end: i, atLineStart });
      continue;
    }
    if (c === '`') {
      const m = /^`[^`\r\n]+`/.exec(text.slice(i, i + 4096));
      if (m) {
        i += m[0].length;
        tokens.push({ kind: 'quoted', text: m[0].slice(1, -1), start, end: i, atLineStart });
        continue;
      }
    }
    if (c === '$') {
      const m = /^\$\{[A-Za-z_][A-Za-z_0-9]*\}/.exec(text.slice(i, i + 4096));
      if (m) {
        i += m[0].length;
        tokens.push({ kind: 'other', text: m[0], start, end: i, atLineStart });
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z_0-9]/.test(text[i])) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i, atLineStart });
      continue;
    }
    i++;
    tokens.push({ kind: c === '{' ? 'lbrace' : c === '}' ? 'rbrace' : 'other', text: c, start, end: i, atLineStart });
  }
  return tokens;
}

function isName(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
}

function isDeclarationStart(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return t.kind === 'word' && /^(job|datasource)$/i.test(t.text) && isName(tokens[i + 1]) && tokens[i + 2]?.kind === 'lbrace';
}

/**
 * The jobs declared in a document, with their extent. Robust to a half-typed file: a
 * `job NAME {` or `datasource NAME {` at column 0 starts a new declaration even when the one
 * before it is not closed yet.
 */
export function findJobs(text: string): JobDeclaration[] {
  const tokens = tokenize(text);
  const jobs: JobDeclaration[] = [];
  let depth = 0;
  let open: JobDeclaration | undefined;
  let lastEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isDeclarationStart(tokens, i) && (depth === 0 || t.atLineStart)) {
      if (open) {
        open.end = lastEnd;
        open = undefined;
      }
      depth = 0;
      if (/^job$/i.test(t.text)) {
        const name = tokens[i + 1];
        open = { name: name.text, start: t.start, end: text.length };
        jobs.push(open);
      }
    }
    if (t.kind === 'lbrace') {
      depth++;
    } else if (t.kind === 'rbrace' && depth > 0) {
      depth--;
      if (depth === 0 && open) {
        open.end = t.end;
        open = undefined;
      }
    }
    lastEnd = t.end;
  }
  return jobs;
}

/** The offset in `text` of an LSP position (line, UTF-16 character); clamped to the text. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) {
      return text.length;
    }
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, position.character), max);
}

export type JobChoice =
  | { kind: 'job'; name: string }
  | { kind: 'pick'; names: string[] }
  | { kind: 'none' };

/** The job under the cursor; else the only job of the file; else a list to pick from. */
export function chooseJob(jobs: readonly JobDeclaration[], offset: number): JobChoice {
  const at = jobs.find((j) => j.start <= offset && offset <= j.end);
  if (at) {
    return { kind: 'job', name: at.name };
  }
  if (jobs.length === 1) {
    return { kind: 'job', name: jobs[0].name };
  }
  if (jobs.length > 1) {
    return { kind: 'pick', names: jobs.map((j) => j.name) };
  }
  return { kind: 'none' };
}

// ------------------------------------------------------------------ results

export interface Presentation {
  /** One line for a notification. */
  message: string;
  /** Full text for the output channel, when there is more than the message. */
  details?: string;
  /** A document to open (the DDL as SQL). */
  document?: { language: string; content: string };
}

/**
 * How a command's result is shown. The server may answer with nothing, a string, or an object;
 * `message`/`summary` of an object is the notification, `ddl`/`sql` (or a string from
 * generateDdl) opens as a SQL document, anything else goes to the output channel as JSON.
 */
export function describeResult(command: ServerCommand, result: unknown): Presentation {
  const done = `syncc: ${command.title} done`;
  if (result === undefined || result === null) {
    return { message: done };
  }
  if (typeof result === 'string') {
    const firstLine = result.trim().split(/\r?\n/)[0] ?? '';
    if (command.id === 'syncc.generateDdl') {
      return { message: `syncc: ${command.title}: opened the statement in an editor`, document: { language: 'sql', content: result } };
    }
    const multiLine = result.trim().includes('\n');
    return { message: `syncc: ${firstLine || `${command.title} done`}`, details: multiLine ? result : undefined };
  }
  if (typeof result === 'object') {
    const r = result as Record<string, unknown>;
    const text = typeof r.message === 'string' ? r.message : typeof r.summary === 'string' ? r.summary : undefined;
    const sql = typeof r.ddl === 'string' ? r.ddl : typeof r.sql === 'string' ? r.sql : undefined;
    const details = JSON.stringify(result, null, 2);
    return {
      message: text !== undefined ? `syncc: ${text}` : done,
      details,
      document: sql !== undefined ? { language: 'sql', content: sql } : undefined,
    };
  }
  return { message: `syncc: ${String(result)}` };
}

// ------------------------------------------------------------------ registration of server commands

interface ExecuteCommandRegistration {
  id: string;
  registerOptions: { commands?: string[] } & Record<string, unknown>;
}

interface RegisteringFeature {
  register(data: ExecuteCommandRegistration): void;
}

/**
 * The language client registers every command the server announces (executeCommandProvider) as a
 * VS Code command, which fails for ids the extension registered itself (syncc.preview, ...):
 * VS Code refuses a second registration and the client does not start. This wraps the client's
 * executeCommand feature so that it registers only the server's other commands.
 */
export function skipOwnedCommands(feature: RegisteringFeature, owned: ReadonlySet<string> = OWNED_COMMANDS): void {
  const register = feature.register.bind(feature);
  feature.register = (data: ExecuteCommandRegistration) => {
    const commands = data.registerOptions?.commands;
    if (!Array.isArray(commands)) {
      register(data);
      return;
    }
    register({ ...data, registerOptions: { ...data.registerOptions, commands: commands.filter((c) => !owned.has(c)) } });
  };
}
