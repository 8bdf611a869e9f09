import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { createFilePersistence, type FilePersistenceOptions } from '../../../emulator/store/persistence/file-persistence.js';
import type { Persistence } from '../../../emulator/store/persistence/persistence.js';

/** A deliberately non-idempotent toy domain: applying a mutation twice is visible. */
export interface ListState {
  items: number[];
}
export interface PushMutation {
  push: number;
}

export function listOptions(
  extra: Partial<FilePersistenceOptions<ListState, PushMutation>> = {},
): FilePersistenceOptions<ListState, PushMutation> {
  return {
    empty: () => ({ items: [] }),
    apply: (state, mutation) => {
      if (typeof mutation.push !== 'number') throw new Error('not a push');
      state.items.push(mutation.push);
    },
    log: () => undefined,
    idleSnapshotMs: 60_000,
    ...extra,
  };
}

export function openList(file: string, extra: Partial<FilePersistenceOptions<ListState, PushMutation>> = {}) {
  return createFilePersistence<ListState, PushMutation>(file, listOptions(extra));
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'persistence-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Gives each test of the calling file a fresh folder (`dir`, with the `file` and `journal` paths in it) and, after
 * it, closes every persistence passed to `track`, restores timers and mocks, and removes the folder.
 */
export function useTempFolder() {
  const folder = { dir: '', file: '', journal: '' };
  const open: Persistence<ListState, PushMutation>[] = [];
  beforeEach(async () => {
    folder.dir = await makeTempDir();
    folder.file = path.join(folder.dir, 'db.json');
    folder.journal = path.join(folder.dir, 'journal.jsonl');
  });
  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    for (const p of open.splice(0)) await p.close().catch(() => undefined);
    await removeDir(folder.dir);
  });
  const track = (p: Persistence<ListState, PushMutation>) => {
    open.push(p);
    return p;
  };
  return { folder, track };
}

export function journalLine(lsn: number, m: unknown): string {
  return JSON.stringify({ lsn, m }) + '\n';
}

/** The parsed lines of a journal file ([] when it does not exist). */
export async function readJournal(file: string): Promise<{ lsn: number; m: PushMutation }[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { lsn: number; m: PushMutation });
}

export async function readSnapshot(file: string): Promise<{ lsn: number; state: ListState }> {
  return JSON.parse(await readFile(file, 'utf8')) as { lsn: number; state: ListState };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export function pushes(...values: number[]): PushMutation[] {
  return values.map((push) => ({ push }));
}
