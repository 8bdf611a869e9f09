import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFilePersistence, type FilePersistenceOptions } from '../../../emulator/store/persistence/file-persistence.js';

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
