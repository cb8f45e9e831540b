import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildCommandArguments, chooseJob, describeResult, findJobs, offsetAt, OWNED_COMMANDS, SERVER_COMMANDS, skipOwnedCommands,
} from '../commands';

const command = (id: string) => {
  const c = SERVER_COMMANDS.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};

describe('findJobs', () => {
  it('finds each job with its extent, across datasources and comments', () => {
    const text = [
      'datasource files { type csv path "data" }',
      '// job commented_out { }',
      '/* job also_commented { } */',
      'job first {',
      '  source files.a { where "x = \'}\'" }',
      '  sink warehouse.a',
      '  map { ${bizdate} -> d  "{" -> brace }',
      '}',
      'JOB `second job` { source files.b sink warehouse.b }',
    ].join('\n');
    const jobs = findJobs(text);
    assert.deepEqual(jobs.map((j) => j.name), ['first', 'second job']);
    assert.equal(text.slice(jobs[0].start, jobs[0].end), text.split('\n').slice(3, 8).join('\n'));
    assert.ok(text.slice(jobs[1].start, jobs[1].end).endsWith('warehouse.b }'));
  });
  it('knows that keywords are names too', () => {
    const jobs = findJobs('datasource job { type csv }\njob job { source job.x sink job.y }\n');
    assert.deepEqual(jobs.map((j) => j.name), ['job']);
    assert.equal(jobs[0].start, 28);
  });
  it('ends an unclosed job where the next declaration starts at column 0', () => {
    const text = 'job a {\n  source files.x {\n\njob b {\n  source files.y\n}\n';
    const jobs = findJobs(text);
    assert.deepEqual(jobs.map((j) => j.name), ['a', 'b']);
    assert.ok(jobs[0].end <= text.indexOf('job b'));
    assert.equal(jobs[1].end, text.lastIndexOf('}') + 1);
  });
  it('runs an unclosed last job to the end of the text', () => {
    const text = 'job a {\n  source files.x\n';
    assert.deepEqual(findJobs(text), [{ name: 'a', start: 0, end: text.length }]);
  });
  it('ignores a job keyword that is not a declaration', () => {
    assert.deepEqual(findJobs('job {\n}\njob x y {\n}\n'), []);
    assert.deepEqual(findJobs('job\njob {\n}').map((j) => j.name), ['job']);
    assert.deepEqual(findJobs('"job x {"'), []);
  });
});

describe('offsetAt (LSP positions in UTF-16 units)', () => {
  it('counts lines and UTF-16 characters', () => {
    const text = 'ab\ncd😀ef\r\ngh';
    assert.equal(offsetAt(text, { line: 0, character: 0 }), 0);
    assert.equal(offsetAt(text, { line: 1, character: 2 }), 5);
    // The emoji is two UTF-16 units: "e" is character 4 of line 1.
    assert.equal(text[offsetAt(text, { line: 1, character: 4 })], 'e');
    assert.equal(text[offsetAt(text, { line: 2, character: 1 })], 'h');
  });
  it('clamps to the line and to the text', () => {
    const text = 'ab\ncd';
    assert.equal(offsetAt(text, { line: 0, character: 99 }), 2);
    assert.equal(offsetAt(text, { line: 7, character: 0 }), text.length);
  });
});

describe('chooseJob', () => {
  const text = 'job a {\n  source x.y\n}\n\njob b {\n  source x.z\n}\n';
  const jobs = findJobs(text);
  it('takes the job under the cursor', () => {
    assert.deepEqual(chooseJob(jobs, offsetAt(text, { line: 1, character: 4 })), { kind: 'job', name: 'a' });
    assert.deepEqual(chooseJob(jobs, offsetAt(text, { line: 5, character: 0 })), { kind: 'job', name: 'b' });
    assert.deepEqual(chooseJob(jobs, text.indexOf('job b')), { kind: 'job', name: 'b' });
  });
  it('asks which job when the cursor is between jobs', () => {
    assert.deepEqual(chooseJob(jobs, offsetAt(text, { line: 3, character: 0 })), { kind: 'pick', names: ['a', 'b'] });
  });
  it('takes the only job of a file wherever the cursor is', () => {
    const one = '// header\n\njob only { source x.y }\n';
    assert.deepEqual(chooseJob(findJobs(one), 0), { kind: 'job', name: 'only' });
  });
  it('has none in a file of datasources', () => {
    assert.deepEqual(chooseJob(findJobs('datasource d { type csv }'), 3), { kind: 'none' });
  });
});

describe('buildCommandArguments', () => {
  it('sends [uri, job, position] for job commands', () => {
    for (const id of ['syncc.preview', 'syncc.run', 'syncc.generateDdl']) {
      assert.deepEqual(buildCommandArguments(command(id), 'file:///p/orders.sync', 'orders', { line: 3, character: 7 }),
        ['file:///p/orders.sync', 'orders', { line: 3, character: 7 }]);
    }
    assert.deepEqual(buildCommandArguments(command('syncc.run'), 'file:///p/a.sync', undefined, { line: 0, character: 0 }),
      ['file:///p/a.sync', null, { line: 0, character: 0 }]);
  });
  it('sends [uri] for file commands', () => {
    for (const id of ['syncc.ping', 'syncc.refreshMetadata', 'syncc.pullCatalog']) {
      assert.deepEqual(buildCommandArguments(command(id), 'file:///p/a.sync', 'ignored', { line: 1, character: 1 }), ['file:///p/a.sync']);
    }
  });
});

describe('describeResult', () => {
  it('says done for an empty answer', () => {
    assert.deepEqual(describeResult(command('syncc.ping'), null), { message: 'syncc: Test Connection done' });
  });
  it('opens DDL as a SQL document', () => {
    const ddl = 'CREATE TABLE "public"."t" (\n  "id" bigint\n);';
    assert.deepEqual(describeResult(command('syncc.generateDdl'), ddl).document, { language: 'sql', content: ddl });
    assert.deepEqual(describeResult(command('syncc.generateDdl'), { ddl }).document, { language: 'sql', content: ddl });
  });
  it('shows the first line of text and keeps the rest for the output channel', () => {
    const p = describeResult(command('syncc.ping'), 'ods: ok (12 ms)\nwarehouse: ok (3 ms)');
    assert.equal(p.message, 'syncc: ods: ok (12 ms)');
    assert.equal(p.details, 'ods: ok (12 ms)\nwarehouse: ok (3 ms)');
    assert.equal(describeResult(command('syncc.ping'), 'all reachable').details, undefined);
  });
  it('uses message or summary of an object, with the whole object as details', () => {
    const p = describeResult(command('syncc.run'), { summary: 'job orders succeeded in 1.2 s', rowsRead: 10 });
    assert.equal(p.message, 'syncc: job orders succeeded in 1.2 s');
    assert.match(p.details ?? '', /"rowsRead": 10/);
    assert.equal(describeResult(command('syncc.preview'), { rows: [] }).message, 'syncc: Preview Data done');
  });
});

describe('skipOwnedCommands', () => {
  it('lets the language client register only commands the extension does not own', () => {
    const registered: unknown[] = [];
    const feature = { register(data: { id: string; registerOptions: { commands?: string[] } }) { registered.push(data); } };
    skipOwnedCommands(feature);
    feature.register({ id: '1', registerOptions: { commands: ['syncc.run', 'syncc.applyFix', 'syncc.preview', 'syncc.restartServer'], workDoneProgress: true } as never });
    feature.register({ id: '2', registerOptions: {} });
    assert.deepEqual(registered, [
      { id: '1', registerOptions: { commands: ['syncc.applyFix'], workDoneProgress: true } },
      { id: '2', registerOptions: {} },
    ]);
  });
  it('owns every command the extension contributes', () => {
    assert.deepEqual([...OWNED_COMMANDS].sort(), [
      'syncc.generateDdl', 'syncc.ping', 'syncc.preview', 'syncc.pullCatalog', 'syncc.refreshMetadata', 'syncc.restartServer', 'syncc.run',
    ]);
  });
});
