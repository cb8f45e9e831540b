/*
 * The extension's static parts checked against each other and against the language itself:
 * package.json, README, language-configuration.json, snippets, and the TextMate grammar against
 * the keywords and comments of the real grammar (grammar/src/main/antlr4/.../Sync.g4).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_COMMANDS, SERVER_COMMANDS } from '../commands';

const root = path.resolve(__dirname, '..', '..');
const repo = path.resolve(root, '..');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
const pkg = readJson('package.json');
const g4Path = path.join(repo, 'grammar', 'src', 'main', 'antlr4', 'io', 'syncc', 'grammar', 'Sync.g4');
const g4 = fs.readFileSync(g4Path, 'utf8');

interface ContributedCommand { command: string; title: string; category: string }
interface Setting { type: string; default: unknown; markdownDescription?: string; description?: string; enum?: string[] }

describe('package.json', () => {
  it('identifies the extension', () => {
    assert.equal(pkg.publisher, 'syncc');
    assert.equal(pkg.name, 'syncc-vscode');
    assert.equal(pkg.main, './out/extension.js');
    assert.equal(pkg.engines.vscode, '^1.85.0');
  });
  it('contributes every command the extension registers, with a title and the category syncc', () => {
    const contributed: ContributedCommand[] = pkg.contributes.commands;
    const ids = [...SERVER_COMMANDS.map((c) => c.id), ...CLIENT_COMMANDS];
    assert.deepEqual(contributed.map((c) => c.command).sort(), [...ids].sort());
    for (const c of contributed) {
      assert.equal(c.category, 'syncc', c.command);
      const server = SERVER_COMMANDS.find((s) => s.id === c.command);
      if (server) assert.equal(c.title, server.title);
    }
  });
  it('activates on .sync files and on each command', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(events.includes('onLanguage:sync'));
    for (const c of pkg.contributes.commands as ContributedCommand[]) {
      assert.ok(events.includes(`onCommand:${c.command}`), c.command);
    }
  });
  it('declares the language, its configuration, grammar and snippets, and the files exist', () => {
    const [lang] = pkg.contributes.languages;
    assert.equal(lang.id, 'sync');
    assert.deepEqual(lang.extensions, ['.sync']);
    assert.ok(lang.aliases.length > 0);
    const [grammar] = pkg.contributes.grammars;
    assert.equal(grammar.scopeName, 'source.sync');
    for (const rel of [lang.configuration, grammar.path, pkg.contributes.snippets[0].path]) {
      assert.ok(fs.existsSync(path.join(root, rel)), rel);
    }
    assert.equal(readJson(grammar.path).scopeName, 'source.sync');
  });
  it('has the settings, with their defaults', () => {
    const props: Record<string, Setting> = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), ['syncc.environment', 'syncc.java.home', 'syncc.server.jar', 'syncc.server.jvmArgs', 'syncc.trace.server']);
    assert.equal(props['syncc.environment'].default, '');
    assert.equal(props['syncc.java.home'].default, '');
    assert.equal(props['syncc.server.jar'].default, '');
    assert.deepEqual(props['syncc.server.jvmArgs'].default, ['-Xmx512m']);
    assert.deepEqual(props['syncc.trace.server'].enum, ['off', 'messages', 'verbose']);
    for (const [key, p] of Object.entries(props)) {
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, key);
    }
  });
  it('pins every dependency to an exact version and has no install hooks', () => {
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, version] of Object.entries(deps as Record<string, string>)) {
        assert.match(version, /^\d+\.\d+\.\d+$/, name);
      }
    }
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'vscode:prepublish']) {
      assert.equal(pkg.scripts[hook], undefined, hook);
    }
  });
  it('is documented in the README: every setting and every command', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const key of Object.keys(pkg.contributes.configuration.properties)) {
      assert.ok(readme.includes(`\`${key}\``), key);
    }
    for (const c of pkg.contributes.commands as ContributedCommand[]) {
      assert.ok(readme.includes(`\`${c.command}\``), c.command);
      assert.ok(readme.includes(c.title), c.title);
    }
  });
});

describe('language-configuration.json', () => {
  const config = readJson('language-configuration.json');
  it('has the comments of Sync.g4: // lines and /* */ blocks, and no others', () => {
    const line = /^LINE_COMMENT\s*:\s*'([^']+)'/m.exec(g4);
    const block = /^BLOCK_COMMENT\s*:\s*'([^']+)'\s*\.\*\?\s*'([^']+)'/m.exec(g4);
    assert.ok(line && block, 'comment tokens in Sync.g4');
    assert.equal(config.comments.lineComment, line[1]);
    assert.deepEqual(config.comments.blockComment, [block[1], block[2]]);
    assert.equal((g4.match(/COMMENT\s*:/g) ?? []).length, 2, 'Sync.g4 has exactly two comment tokens');
  });
  it('pairs brackets and closes quotes and backquotes', () => {
    assert.deepEqual(config.brackets, [['{', '}'], ['(', ')'], ['[', ']']]);
    const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
    for (const o of ['{', '(', '[', '"', '`']) assert.ok(opens.includes(o), o);
  });
  it('indents after an open { and outdents at }', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const l of ['job bank_data {', '  sink warehouse.x {   // comment', '  map by name {']) assert.ok(increase.test(l), l);
    for (const l of ['  map by name { }', '  source x.y', '// job x {', '  where "a {"']) assert.ok(!increase.test(l), l);
    assert.ok(decrease.test('  }'));
    assert.ok(!decrease.test('  map { }'));
  });
  it('treats ${param} as one word', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('${bizdate} -> load_date'.match(word), ['${bizdate}', 'load_date']);
  });
});

describe('snippets', () => {
  const snippets: Record<string, { prefix: string[]; body: string[]; description: string }> = readJson('snippets/sync.json');
  it('cover datasources (postgres, csv, jsonl), job, source, sink, map, channel and schedule', () => {
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    for (const p of ['datasource postgres', 'datasource csv', 'datasource jsonl', 'job', 'source', 'sink', 'map', 'channel', 'schedule']) {
      assert.ok(prefixes.includes(p), p);
    }
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.description.length > 0 && s.body.length > 0, name);
    }
  });
});

// ------------------------------------------------------------------ the TextMate grammar

let loaded: Promise<{ grammar: import('vscode-textmate').IGrammar; INITIAL: import('vscode-textmate').StackElement }> | undefined;

function loadGrammar() {
  loaded ??= loadGrammarOnce();
  return loaded;
}

async function loadGrammarOnce() {
  const vsctm = require('vscode-textmate') as typeof import('vscode-textmate');
  const oniguruma = require('vscode-oniguruma') as typeof import('vscode-oniguruma');
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => scope === 'source.sync'
      ? vsctm.parseRawGrammar(fs.readFileSync(path.join(root, 'syntaxes', 'sync.tmLanguage.json'), 'utf8'), 'sync.tmLanguage.json')
      : null,
  });
  const grammar = await registry.loadGrammar('source.sync');
  assert.ok(grammar);
  return { grammar, INITIAL: vsctm.INITIAL };
}

/** Every token of the text: its text and innermost scope. */
async function tokens(text: string): Promise<Array<{ text: string; scopes: string[] }>> {
  const { grammar, INITIAL } = await loadGrammar();
  const out: Array<{ text: string; scopes: string[] }> = [];
  let state = INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

/** Each keyword of the language in a place where it is a keyword. */
const EVERY_KEYWORD = `
datasource lake {
  type csv
  path env("P")
  password file("p.txt")
  header true
  quote null
  flag false
}
job every_keyword {
  source lake.x {
    where "a > 0"
    split by id
    incremental by id
    partition a = "1", b in ("x"), c between "1" and "2"
    allow empty
    columns { id bigint, r double precision }
  }
  sink lake.y {
    write copy
    write insert
    on conflict replace
    on conflict ignore
    on conflict fail
    mode append
    mode overwrite
    create if missing { primary key (a) not null (b) columns { c text } }
    before "select 1"
    after "select 2"
    partition d = "x"
    add missing columns
  }
  map by name {
    a as text format "yyyy" default null
    skip b
  }
  map by position { }
  channel { parallelism 2 rate 10 rows/s errors 1 retries 3 }
  schedule { cron "0 2 * * *" param d = "x" after other }
}
`;

describe('sync.tmLanguage.json', () => {
  it('highlights every keyword of Sync.g4 as a keyword (or type, constant, builtin) where it is one', async () => {
    const keywords = [...g4.matchAll(/^([A-Z_]+)\s*:\s*'([a-z]+)'\s*;/gm)].map((m) => m[2]);
    assert.ok(keywords.length >= 40, `keywords read from Sync.g4: ${keywords.length}`);
    const toks = await tokens(EVERY_KEYWORD);
    const kinds = /^(storage\.type|keyword\.other|constant\.language|support\.type\.sync|support\.function\.builtin)\b/;
    const missing = keywords.filter((k) => !toks.some((t) =>
      t.text.toLowerCase().split(/\s+/).includes(k) && kinds.test(t.scopes[t.scopes.length - 1])));
    assert.deepEqual(missing, [], 'keywords of Sync.g4 that the TextMate grammar does not highlight (add them, and to EVERY_KEYWORD)');
  });
  it('highlights keywords in any case, as the language does', async () => {
    const toks = await tokens('JOB x {\n  Source a.b\n  SINK c.d { MODE Overwrite }\n}\n');
    const scopeOf = (text: string) => toks.find((t) => t.text === text)?.scopes.at(-1);
    assert.equal(scopeOf('JOB'), 'storage.type.job.sync');
    assert.equal(scopeOf('Source'), 'keyword.other.block.sync');
    assert.equal(scopeOf('MODE'), 'keyword.other.setting.sync');
    assert.equal(scopeOf('Overwrite'), 'constant.language.option.sync');
  });
  it('tokenizes every sample of the repository without a stray scope', async () => {
    const samples = path.join(repo, 'samples');
    const files = fs.readdirSync(samples).flatMap((d) => {
      const dir = path.join(samples, d);
      return fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((f) => f.endsWith('.sync')).map((f) => path.join(dir, f)) : [];
    });
    assert.ok(files.length >= 5, `samples found: ${files.length}`);
    for (const file of files) {
      const toks = await tokens(fs.readFileSync(file, 'utf8'));
      // Every word outside comments and strings gets a scope of its own: nothing is left plain.
      const plain = toks.filter((t) => /\w/.test(t.text) && /^(source\.sync|meta\.)/.test(t.scopes[t.scopes.length - 1]));
      assert.deepEqual(plain.map((t) => t.text), [], path.relative(repo, file));
    }
  });
});
