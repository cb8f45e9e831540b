/*
 * The snippets, expanded with their default values, are valid .sync: checked by the real parser
 * (`syncc check` of the CLI jar) for syntax errors (SYN1xx) and misplaced settings (SYN207, SYN209).
 * Semantic findings (unknown datasources, unreachable databases) are expected and ignored.
 * Needs the jar (../cli/target/syncc-cli.jar, or SYNCC_CLI_JAR; Maven builds it before this module).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { resolveJava } from '../java';

const root = path.resolve(__dirname, '..', '..');
const jar = path.resolve(root, process.env.SYNCC_CLI_JAR || path.join('..', 'cli', 'target', 'syncc-cli.jar'));
const snippets: Record<string, { prefix: string[]; body: string[] }> = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'sync.json'), 'utf8'));

/** A snippet body with each placeholder replaced by its default (the first choice of a choice). */
export function expandSnippet(body: string[]): string {
  let text = body.join('\n').replace(/\t/g, '  ');
  for (let i = 0; i < 5; i++) {
    text = text
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '').replace(/\\\$/g, '$').replace(/\\\}/g, '}');
}

/** Job items (source, sink, ...) only parse inside a job, map entries inside a map. */
function asFile(name: string, text: string): string {
  const job = `snippet_${name.replace(/\W+/g, '_')}`;
  if (/^\s*(datasource|job)\b/i.test(text)) return text;
  if (/^\s*(source|sink|map|channel|schedule)\b/i.test(text)) return `job ${job} {\n${text}\n}\n`;
  return `job ${job} {\n  map {\n${text}\n  }\n}\n`;
}

describe('expandSnippet', () => {
  it('replaces placeholders, choices and tab stops', () => {
    assert.equal(expandSnippet(['a ${1:x} ${2|p,q|} $0', '\tb \\$[d] ${3:${4:n}}']), 'a x p \n  b $[d] n');
  });
});

describe('snippets are valid .sync (syncc check)', () => {
  before(() => assert.ok(fs.existsSync(jar), `no CLI jar at ${jar}: build it with mvn -B -DskipTests package -pl cli -am`));
  it('has no syntax errors and no misplaced settings in any snippet', async () => {
    const java = await resolveJava({ env: process.env, platform: process.platform });
    assert.ok(java.ok, java.ok ? '' : java.message);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syncc-snippets-'));
    const files: string[] = [];
    for (const [name, snippet] of Object.entries(snippets)) {
      // Each in a folder of its own: a folder is a project, and datasource names repeat.
      const dir = path.join(tmp, String(files.length));
      fs.mkdirSync(dir);
      const file = path.join(dir, 'snippet.sync');
      fs.writeFileSync(file, asFile(name, expandSnippet(snippet.body)));
      files.push(file);
    }
    const output = await new Promise<string>((resolve) => {
      execFile(java.executable, ['-jar', jar, 'check', '--offline', ...files], { cwd: tmp, timeout: 120_000 },
        (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
    });
    const bad = output.split('\n').filter((l) => /\b(error|warning)\[SYN(1\d\d|207|209)\]/.test(l));
    const findings = output.split('\n').filter((l) => /\[SYN\d+\]/.test(l));
    // The snippets reference datasources they do not declare, so check always has findings:
    // none at all would mean it did not get to checking (a usage error, a crash).
    assert.ok(findings.length > 0, `syncc check printed:\n${output}`);
    assert.deepEqual(bad, [], `syncc check printed:\n${output}`);
  });
});
