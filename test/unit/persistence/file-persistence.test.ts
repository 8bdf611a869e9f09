import { existsSync, readFileSync, writeSync as fsWriteSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Persistence } from '../../../emulator/store/persistence/persistence.js';
import {
  deferred,
  openList,
  pushes,
  readJournal,
  readSnapshot,
  type ListState,
  type PushMutation,
  makeTempDir,
  removeDir,
  useTempFolder,
} from './helpers.js';

const { folder, track } = useTempFolder();
let dir: string;
let file: string;
let journal: string;
beforeEach(() => {
  ({ dir, file, journal } = folder);
});

describe('file persistence: commits and the journal', () => {
  it('keeps committed state across a close and a reopen', async () => {
    const first = track(openList(file));
    const { state, warnings } = await first.open();
    expect(state).toEqual({ items: [] });
    expect(warnings).toEqual([]);
    await first.commit(pushes(1, 2));
    await first.commit(pushes(3));
    expect(first.state).toBe(state);
    await first.close();

    const second = track(openList(file));
    const reopened = await second.open();
    expect(reopened.state).toEqual({ items: [1, 2, 3] });
    expect(reopened.warnings).toEqual([]);
    await second.commit(pushes(4));
    expect(await readJournal(journal)).toEqual([{ lsn: 4, m: { push: 4 } }]);
  });

  it('applies a commit to the state synchronously, before its write completes', async () => {
    const p = track(openList(file));
    await p.open();
    const written = p.commit(pushes(7));
    expect(p.state.items).toEqual([7]);
    await written;
  });

  it('resolves a commit only once its line is in the journal file', async () => {
    const p = track(openList(file));
    await p.open();
    await p.commit(pushes(1, 2));
    expect(await readJournal(journal)).toEqual([
      { lsn: 1, m: { push: 1 } },
      { lsn: 2, m: { push: 2 } },
    ]);
  });

  it('replays the journal after a crash (no close) and continues the lsns from the highest one seen', async () => {
    const crashed = track(openList(file));
    await crashed.open();
    await crashed.commit(pushes(1, 2, 3));

    const next = track(openList(file));
    const { state } = await next.open();
    expect(state.items).toEqual([1, 2, 3]);
    await next.commit(pushes(4));
    expect((await readJournal(journal)).map((line) => line.lsn)).toEqual([1, 2, 3, 4]);
  });

  it('groups 200 concurrent commits into fewer writes and keeps every line in order', async () => {
    const writes: { lines: number; bytes: number }[] = [];
    const p = track(openList(file, { hooks: { journalWrite: (info) => writes.push(info) } }));
    await p.open();

    const commits: Promise<void>[] = [];
    for (let i = 1; i <= 200; i++) {
      commits.push(p.commit(pushes(i)));
      if (i % 50 === 0) await Promise.resolve(); // some commits arrive while a write may be in flight
    }
    await Promise.all(commits);

    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.length).toBeLessThan(200);
    expect(writes.reduce((sum, w) => sum + w.lines, 0)).toBe(200);
    const lines = await readJournal(journal);
    expect(lines.map((line) => line.lsn)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(lines.map((line) => line.m.push)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('sends commits made in the same tick out as a single write', async () => {
    const writes: number[] = [];
    const p = track(openList(file, { hooks: { journalWrite: ({ lines }) => writes.push(lines) } }));
    await p.open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => p.commit(pushes(i))));
    expect(writes).toEqual([50]);
  });

  it('resolves an empty commit once everything committed before it is written', async () => {
    const p = track(openList(file));
    await p.open();
    await p.commit([]);
    void p.commit(pushes(1, 2));
    await p.commit([]);
    expect(await readJournal(journal)).toHaveLength(2);
  });

  it('rejects the commits of a failed write, logs the error, and keeps accepting later commits', async () => {
    const log = vi.fn();
    const failure = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    let failNext = false;
    // The failing write gets half of its bytes out first, as a full disk would.
    const writeSync = (fd: number, buffer: Uint8Array, offset: number, length: number): number => {
      if (!failNext) return fsWriteSync(fd, buffer, offset, length);
      failNext = false;
      fsWriteSync(fd, buffer, offset, Math.floor(length / 2));
      throw failure;
    };
    const p = track(openList(file, { log, writeSync }));
    await p.open();
    await p.commit(pushes(1));

    failNext = true;
    await expect(p.commit(pushes(2))).rejects.toThrow('no space left on device');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no space left on device'));
    await p.commit(pushes(3));

    // The half-written line was cut away: the journal holds exactly the acknowledged lines.
    expect((await readJournal(journal)).map((line) => line.lsn)).toEqual([1, 3]);
  });

  it('rejects a commit whose reducer throws, keeping the mutations applied before it', async () => {
    const p = track(openList(file));
    await p.open();
    const bad = [{ push: 1 }, { push: 'x' } as unknown as PushMutation];
    await expect(p.commit(bad)).rejects.toThrow('not a push');
    expect(p.state.items).toEqual([1]);
    expect(await readJournal(journal)).toEqual([{ lsn: 1, m: { push: 1 } }]);
  });

  it('rejects commit and reading the state before open', async () => {
    const p = track(openList(file));
    await expect(p.commit(pushes(1))).rejects.toThrow(/open/);
    expect(() => p.state).toThrow(/open/);
  });

  it('keeps two persistences in two folders apart in one process', async () => {
    const otherDir = await makeTempDir();
    try {
      const a = track(openList(file));
      const b = track(openList(path.join(otherDir, 'db.json')));
      await a.open();
      await b.open();
      await Promise.all([a.commit(pushes(1)), b.commit(pushes(100, 200))]);
      await a.commit(pushes(2));
      expect(a.state.items).toEqual([1, 2]);
      expect(b.state.items).toEqual([100, 200]);
      await a.close();
      await b.close();
      expect((await readSnapshot(file)).state.items).toEqual([1, 2]);
      expect((await readSnapshot(path.join(otherDir, 'db.json'))).state.items).toEqual([100, 200]);
    } finally {
      await removeDir(otherDir);
    }
  });
});

describe('file persistence: snapshots', () => {
  it('writes a snapshot and rotates the journal when it passes the line threshold, and a reopen gives the same state', async () => {
    const rotated = deferred<{ lsn: number; keptLines: number }>();
    const p = track(openList(file, { snapshotEveryLines: 5, hooks: { journalRotated: rotated.resolve } }));
    await p.open();
    for (let i = 1; i <= 5; i++) await p.commit(pushes(i));

    expect(await rotated.promise).toEqual({ lsn: 5, keptLines: 0 });
    expect(await readFile(journal, 'utf8')).toBe('');
    expect(await readSnapshot(file)).toEqual({ lsn: 5, state: { items: [1, 2, 3, 4, 5] } });

    await p.commit(pushes(6, 7));
    // Reopen as after a crash (no close): snapshot + journal.
    const again = track(openList(file));
    const { state } = await again.open();
    expect(state).toEqual(p.state);
    expect(state.items).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('writes a snapshot when the journal passes the byte threshold', async () => {
    const rotated = deferred<{ lsn: number; keptLines: number }>();
    const p = track(openList(file, { snapshotEveryBytes: 200, hooks: { journalRotated: rotated.resolve } }));
    await p.open();
    await p.commit(pushes(...Array.from({ length: 20 }, (_, i) => i)));
    expect((await rotated.promise).lsn).toBe(20);
    expect((await readSnapshot(file)).state.items).toHaveLength(20);
  });

  it('neither loses nor applies twice the lines committed while a snapshot is being written', async () => {
    const rotated = deferred<{ lsn: number; keptLines: number }>();
    let injected = false;
    const p: Persistence<ListState, PushMutation> = track(
      openList(file, {
        snapshotEveryLines: 3,
        hooks: {
          // The snapshot (lsn 3) is on disk but the journal not yet rotated: commit more meanwhile.
          snapshotWritten: async () => {
            if (injected) return;
            injected = true;
            await Promise.all([p.commit(pushes(4)), p.commit(pushes(5))]);
          },
          journalRotated: rotated.resolve,
        },
      }),
    );
    await p.open();
    for (let i = 1; i <= 3; i++) await p.commit(pushes(i));

    expect(await rotated.promise).toEqual({ lsn: 3, keptLines: 2 });
    expect(await readSnapshot(file)).toEqual({ lsn: 3, state: { items: [1, 2, 3] } });
    expect((await readJournal(journal)).map((line) => line.lsn)).toEqual([4, 5]);

    const again = track(openList(file));
    expect((await again.open()).state.items).toEqual([1, 2, 3, 4, 5]);
  });

  it('is consistent at every instant while commits race snapshots: each crash image replays every acknowledged item exactly once', async () => {
    // A "crash image" is a synchronous copy of both files, taken in the writer's hooks: nothing of this process can
    // touch the files between the two reads except lowdb's atomic rename of the snapshot.
    const images: { acknowledged: number; snapshot: string | null; journal: string }[] = [];
    let acknowledged = 0;
    let carried = 0;
    const firstSnapshot = deferred<void>();
    const capture = (): void => {
      images.push({
        acknowledged,
        snapshot: existsSync(file) ? readFileSync(file, 'utf8') : null,
        journal: existsSync(journal) ? readFileSync(journal, 'utf8') : '',
      });
    };
    const p = track(
      openList(file, {
        snapshotEveryLines: 2,
        hooks: {
          journalWrite: ({ lines }) => {
            acknowledged += lines;
            capture();
          },
          snapshotWritten: () => {
            capture();
            firstSnapshot.resolve();
          },
          journalRotated: ({ keptLines }) => {
            carried += keptLines;
            capture();
          },
        },
      }),
    );
    await p.open();
    const commits: Promise<void>[] = [];
    for (let i = 1; i <= 60; i++) {
      commits.push(p.commit(pushes(i)));
      if (i % 3 === 0) {
        // Let writes and snapshots interleave with new commits: journal writes are synchronous, a snapshot's file
        // operations go through the thread pool, so the loop is given a few turns to let those progress.
        await commits.at(-1);
        for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
      }
      if (i === 3) await firstSnapshot.promise; // from here on, every image holds a snapshot as well
    }
    await Promise.all(commits);
    await p.close();
    expect(images.filter((image) => image.snapshot !== null).length).toBeGreaterThan(5);
    expect(carried).toBeGreaterThan(0); // some lines were written while a snapshot was in flight

    for (const [index, image] of images.entries()) {
      const imageDir = await makeTempDir();
      try {
        if (image.snapshot !== null) await writeFile(path.join(imageDir, 'db.json'), image.snapshot);
        await writeFile(path.join(imageDir, 'journal.jsonl'), image.journal);
        const replayed = track(openList(path.join(imageDir, 'db.json')));
        const { state, warnings } = await replayed.open();
        await replayed.close();
        const context = `image ${index}: ${JSON.stringify(image)}`;
        expect(warnings, context).toEqual([]);
        // Every acknowledged item, each exactly once, in order (possibly more: the snapshot may run ahead of the journal).
        expect(state.items.length, context).toBeGreaterThanOrEqual(image.acknowledged);
        expect(state.items, context).toEqual(Array.from({ length: state.items.length }, (_, i) => i + 1));
      } finally {
        await removeDir(imageDir);
      }
    }
  });

  it('skips journal lines already in the snapshot (a crash between the snapshot and the journal rotation)', async () => {
    await writeFile(file, JSON.stringify({ lsn: 3, state: { items: [1, 2, 3] } }));
    await writeFile(journal, [2, 3, 4, 5].map((n) => JSON.stringify({ lsn: n, m: { push: n } }) + '\n').join(''));

    const p = track(openList(file));
    const { state, warnings } = await p.open();
    expect(state.items).toEqual([1, 2, 3, 4, 5]);
    expect(warnings).toEqual([]);
    await p.commit(pushes(6));
    expect((await readJournal(journal)).at(-1)).toEqual({ lsn: 6, m: { push: 6 } });
  });

  it('writes an idle snapshot only after idleSnapshotMs without a commit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const snapshots: number[] = [];
    const rotated = deferred<{ lsn: number; keptLines: number }>();
    const p = track(
      openList(file, {
        idleSnapshotMs: 1000,
        hooks: { snapshotWritten: ({ lsn }) => void snapshots.push(lsn), journalRotated: rotated.resolve },
      }),
    );
    await p.open();

    await p.commit(pushes(1));
    vi.advanceTimersByTime(900);
    await p.commit(pushes(2));
    vi.advanceTimersByTime(900); // 1800 ms after the first commit, but only 900 ms of quiet
    await p.commit(pushes(3));
    vi.advanceTimersByTime(1000);

    expect(await rotated.promise).toEqual({ lsn: 3, keptLines: 0 });
    expect(snapshots).toEqual([3]);
    expect(await readSnapshot(file)).toEqual({ lsn: 3, state: { items: [1, 2, 3] } });
    expect(await readFile(journal, 'utf8')).toBe('');
  });

  it('calls migrate on the loaded snapshot', async () => {
    await writeFile(file, JSON.stringify({ lsn: 1, state: { version: 1, list: [5] } }));
    const migrate = vi.fn((raw: unknown) => ({ items: (raw as { list: number[] }).list }));
    const p = track(openList(file, { migrate }));
    const { state } = await p.open();
    expect(migrate).toHaveBeenCalledWith({ version: 1, list: [5] });
    expect(state.items).toEqual([5]);
  });
});

describe('file persistence: close', () => {
  it('snapshots everything, empties the journal, and is idempotent', async () => {
    const p = track(openList(file));
    await p.open();
    await p.commit(pushes(1, 2));
    const pending = p.commit(pushes(3));
    const closing = p.close();
    expect(p.close()).toBe(closing);
    await closing;
    await pending;
    await p.close();

    expect(await readSnapshot(file)).toEqual({ lsn: 3, state: { items: [1, 2, 3] } });
    expect(await readFile(journal, 'utf8')).toBe('');
    await expect(p.commit(pushes(4))).rejects.toThrow(/closed/);
    expect(p.state.items).toEqual([1, 2, 3]);
  });

  it('waits for a snapshot in progress before its own', async () => {
    const p = track(openList(file, { snapshotEveryLines: 1 }));
    await p.open();
    await p.commit(pushes(1));
    void p.commit(pushes(2));
    await p.close();
    expect(await readSnapshot(file)).toEqual({ lsn: 2, state: { items: [1, 2] } });
    expect(await readFile(journal, 'utf8')).toBe('');
  });
});

describe('file persistence: file modes', () => {
  it.skipIf(process.platform === 'win32')('creates the folder with mode 0700 and the files with mode 0600', async () => {
    const nested = path.join(dir, 'a', 'b', 'db.json');
    const nestedJournal = path.join(dir, 'a', 'b', 'journal.jsonl');
    const rotated = deferred<{ lsn: number; keptLines: number }>();
    const p = track(openList(nested, { snapshotEveryLines: 1, hooks: { journalRotated: rotated.resolve } }));
    await p.open();
    expect((await stat(nestedJournal)).mode & 0o777).toBe(0o600);
    await p.commit(pushes(1));
    await rotated.promise; // a background snapshot and a rotated journal
    expect((await stat(nested)).mode & 0o777).toBe(0o600);
    expect((await stat(nestedJournal)).mode & 0o777).toBe(0o600);
    await p.commit(pushes(2));
    await p.close(); // the final snapshot
    expect((await stat(path.join(dir, 'a'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
    expect((await stat(nested)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'a', 'b', 'journal.jsonl'))).mode & 0o777).toBe(0o600);
  });
});
