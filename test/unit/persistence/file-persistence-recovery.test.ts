import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  journalLine,
  openList,
  pushes,
  readJournal,
  readSnapshot,
  useTempFolder,
} from './helpers.js';

const { folder, track } = useTempFolder();
let dir: string;
let file: string;
let journal: string;
beforeEach(() => {
  ({ dir, file, journal } = folder);
});

describe('file persistence: a torn or damaged journal', () => {
  it('drops a torn last line without a newline, warns, and truncates the journal so later appends stay valid', async () => {
    const complete = journalLine(1, { push: 1 }) + journalLine(2, { push: 2 });
    await writeFile(journal, complete + '{"lsn":3,"m":{"pu');
    const log = vi.fn();

    const p = track(openList(file, { log }));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([1, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/torn last line/);
    expect(log).toHaveBeenCalledWith(warnings[0]);
    expect(await readFile(journal, 'utf8')).toBe(complete);

    await p.commit(pushes(3));
    expect(await readJournal(journal)).toEqual([
      { lsn: 1, m: { push: 1 } },
      { lsn: 2, m: { push: 2 } },
      { lsn: 3, m: { push: 3 } },
    ]);
    const again = track(openList(file));
    const reopened = await again.open();
    expect(reopened.state.items).toEqual([1, 2, 3]);
    expect(reopened.warnings).toEqual([]);
  });

  it('drops an unparsable last line even when it ends with a newline', async () => {
    const complete = journalLine(1, { push: 1 });
    await writeFile(journal, complete + '\u0000\u0000garbage\n');
    const p = track(openList(file));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([1]);
    expect(warnings).toEqual([expect.stringMatching(/torn last line/)]);
    expect(await readFile(journal, 'utf8')).toBe(complete);
  });

  it('skips an unparsable line in the middle with a warning and keeps every complete valid line', async () => {
    await writeFile(journal, journalLine(1, { push: 1 }) + 'not json\n' + journalLine(3, { push: 3 }));
    const p = track(openList(file));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([1, 3]);
    expect(warnings).toEqual([expect.stringMatching(/line 2 does not parse/)]);
    await p.commit(pushes(4));
    // The file keeps the bad line (it is never silently rewritten), and appends go after it.
    expect((await readFile(journal, 'utf8')).split('\n')).toEqual([
      journalLine(1, { push: 1 }).trim(),
      'not json',
      journalLine(3, { push: 3 }).trim(),
      journalLine(4, { push: 4 }).trim(),
      '',
    ]);
  });

  it('applies a repeated lsn only once, with a warning', async () => {
    await writeFile(journal, journalLine(1, { push: 1 }) + journalLine(2, { push: 2 }) + journalLine(2, { push: 2 }) + journalLine(3, { push: 3 }));
    const p = track(openList(file));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([1, 2, 3]);
    expect(warnings).toEqual([expect.stringMatching(/line 3 repeats lsn 2/)]);
  });

  it('warns about, and skips, a journal line the reducer rejects', async () => {
    await writeFile(journal, journalLine(1, { push: 1 }) + journalLine(2, { push: 'x' }) + journalLine(3, { push: 3 }));
    const p = track(openList(file));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([1, 3]);
    expect(warnings).toEqual([expect.stringMatching(/lsn 2\) could not be applied/)]);
  });
});

describe('file persistence: a corrupt or unreadable snapshot', () => {
  it('moves a snapshot that does not parse aside, warns, and rebuilds the state from the journal alone', async () => {
    await writeFile(file, '{"lsn": 4, "state": {"items": [1, 2');
    await writeFile(journal, journalLine(3, { push: 3 }) + journalLine(4, { push: 4 }));
    const log = vi.fn();

    const p = track(openList(file, { log }));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([3, 4]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corrupt/);
    expect(log).toHaveBeenCalledWith(warnings[0]);

    const names = await readdir(dir);
    const aside = names.filter((name) => name.startsWith('db.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(warnings[0]).toContain(aside[0]);
    expect(names).not.toContain('db.json');
    expect(await readFile(path.join(dir, aside[0]), 'utf8')).toBe('{"lsn": 4, "state": {"items": [1, 2');

    await p.commit(pushes(5));
    await p.close();
    expect(await readSnapshot(file)).toEqual({ lsn: 5, state: { items: [3, 4, 5] } });
    // The corrupt file is still there, untouched.
    expect(await readFile(path.join(dir, aside[0]), 'utf8')).toBe('{"lsn": 4, "state": {"items": [1, 2');
  });

  it('treats a snapshot that parses but has no lsn or state as corrupt', async () => {
    await writeFile(file, JSON.stringify({ items: [1] }));
    const p = track(openList(file));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/corrupt/)]);
    expect((await readdir(dir)).filter((name) => name.startsWith('db.json.corrupt-'))).toHaveLength(1);
  });

  it('never overwrites an earlier corrupt file when another snapshot is moved aside in the same millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-02T03:04:05.006Z'));
    await writeFile(file, 'first');
    await track(openList(file)).open();
    await writeFile(file, 'second');
    await track(openList(file)).open();
    const aside = (await readdir(dir)).filter((name) => name.startsWith('db.json.corrupt-'));
    const contents = await Promise.all(aside.map((name) => readFile(path.join(dir, name), 'utf8')));
    expect(contents.sort()).toEqual(['first', 'second']);
    expect(aside.sort()).toEqual(['db.json.corrupt-2030-01-02T03-04-05-006Z', 'db.json.corrupt-2030-01-02T03-04-05-006Z-1']);
  });

  it('fails to open, and moves nothing, when the snapshot cannot be read at all', async () => {
    await mkdir(file); // a folder where the snapshot should be
    const p = track(openList(file));
    await expect(p.open()).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['db.json']);
  });
});
