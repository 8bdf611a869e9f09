import { writeSync } from 'node:fs';
import { access, chmod, mkdir, open, readFile, rename, stat, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { defaultLog, type Persistence, type PersistenceOptions } from './persistence.js';

/*
 * Durability: lowdb's JSON file is only a snapshot; every mutation is first appended to `journal.jsonl` beside it
 * (Redis RDB + AOF). A commit resolves once write(2) of its line returned: the line is in the kernel's page cache, so
 * it survives a crash of the process but not necessarily a power loss. The write is synchronous, one per turn of the
 * event loop for every commit of that turn (5–15 µs for 4 KB; a write through the thread pool cost a round trip per
 * batch and 4% of the bench's throughput). We deliberately do not fsync (not per commit, not per snapshot): lowdb
 * itself never fsyncs, an fsync costs milliseconds per write, and this is a local emulator, not a bank.
 *
 * Ordering: every mutation gets a monotonic log sequence number (lsn). The snapshot records the lsn it includes,
 * and replay skips journal lines whose lsn is <= it. So a snapshot can be taken while appends continue, and a crash
 * between the snapshot's rename and the journal's rotation only leaves lines that replay skips.
 */

export interface FilePersistenceOptions<S, M> extends PersistenceOptions<S, M> {
  /** Snapshot when the journal holds this many lines. Default: no line limit. */
  snapshotEveryLines?: number;
  /** Snapshot when the journal holds this many bytes and more than the last snapshot's size. Default 64 MiB. */
  snapshotEveryBytes?: number;
  /** Snapshot after this many ms without a commit while the journal holds unsnapshotted lines. Default 1000. */
  idleSnapshotMs?: number;
  /** Diagnostics, mostly for tests. Called by the single writer; must not throw. */
  hooks?: FilePersistenceHooks;
  /** The write(2) of journal lines (default: `fs.writeSync`); tests put a failing one here. */
  writeSync?: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
}

export interface FilePersistenceHooks {
  /** After each successful journal write(2): how many lines and bytes it carried. */
  journalWrite?: (info: { lines: number; bytes: number }) => void;
  /** After a background snapshot is on disk, before the journal is rotated. Awaited. */
  snapshotWritten?: (info: { lsn: number }) => void | Promise<void>;
  /** After the journal was rotated: it now holds only the lines with lsn > `lsn` (`keptLines` of them). */
  journalRotated?: (info: { lsn: number; keptLines: number }) => void;
}

/** What the lowdb snapshot file holds. */
export interface SnapshotFile<S> {
  lsn: number;
  state: S;
}

// Under load, snapshots wait for a second of quiet. The thresholds below only bound the journal under sustained
// load, with Redis's auto-aof-rewrite rule: a snapshot when the journal has grown past 64 MiB *and* past the size of
// the last snapshot. A snapshot costs the size of the state, so tying it to that much journal keeps the cost per
// write constant whatever the store holds (a fixed 1,000-line threshold made every write pay for the whole store).
const DEFAULT_EVERY_LINES = Number.POSITIVE_INFINITY;
const DEFAULT_EVERY_BYTES = 64 * 1024 * 1024;
const DEFAULT_IDLE_MS = 1000;
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
export const JOURNAL_FILE_NAME = 'journal.jsonl';

/** One commit waiting for the writer. */
interface Pending {
  text: string;
  lines: number;
  maxLsn: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A background snapshot in progress (from its start until the journal is rotated). */
interface SnapshotRun {
  /** The lsn the snapshot includes. */
  lsn: number;
  /** Journal text with lsn > `lsn` written to the current journal since: it must survive the rotation. */
  carry: string[];
  carryLines: number;
  /** Settles (never rejects) once the snapshot is on disk or failed. */
  done: Promise<void>;
}

export function createFilePersistence<S, M>(file: string, options: FilePersistenceOptions<S, M>): Persistence<S, M> {
  const snapshotPath = path.resolve(file);
  const dir = path.dirname(snapshotPath);
  const journalPath = path.join(dir, JOURNAL_FILE_NAME);
  const everyLines = positive(options.snapshotEveryLines, DEFAULT_EVERY_LINES);
  const everyBytes = positive(options.snapshotEveryBytes, DEFAULT_EVERY_BYTES);
  const idleMs = Math.max(0, options.idleSnapshotMs ?? DEFAULT_IDLE_MS);
  const log = options.log ?? defaultLog;
  const hooks = options.hooks ?? {};
  const { apply } = options;
  const write = options.writeSync ?? writeSync;

  let db: Low<SnapshotFile<S> | null> | undefined;
  let state: S | undefined;
  let opening = false;
  let opened = false;
  let closed = false;
  let closing: Promise<void> | undefined;

  /** Highest lsn assigned (and applied to `state`). */
  let lastLsn = 0;
  /** Highest lsn contained in the snapshot on disk. */
  let snapshotLsn = 0;

  // The single writer.
  let handle: FileHandle | null = null;
  let pending: Pending[] = [];
  let writer: Promise<void> | null = null;
  /** Size of the journal file as far as we know (complete lines only). */
  let journalBytes = 0;
  let journalLines = 0;
  /** A failed write may have left a partial line we could not truncate away: terminate it before the next one. */
  let needsSeparator = false;

  // Snapshots.
  let run: SnapshotRun | null = null;
  let rotateReady = false;
  let linesLimit = everyLines;
  let bytesLimit = everyBytes;
  /** Size of the last snapshot written, for the growth rule above. */
  let lastSnapshotBytes = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  function requireState(): S {
    if (!opened || state === undefined) throw new Error('Persistence is not open: call open() first');
    return state;
  }

  // ---------------------------------------------------------------- open

  async function doOpen(): Promise<{ state: S; warnings: string[] }> {
    const warnings: string[] = [];
    const warn = (line: string): void => {
      warnings.push(line);
      log(line);
    };

    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    db = new Low<SnapshotFile<S> | null>(new JSONFile<SnapshotFile<S> | null>(snapshotPath), null);

    // 1. The snapshot.
    let loaded: S;
    const snapshot = await readSnapshot(warn);
    if (snapshot) {
      loaded = options.migrate ? options.migrate(snapshot.state) : (snapshot.state as S);
      snapshotLsn = snapshot.lsn;
    } else {
      loaded = options.empty();
      snapshotLsn = 0;
    }

    // 2. The journal.
    const journal = await readJournal(warn);
    let lastApplied = snapshotLsn;
    let maxSeen = snapshotLsn;
    for (const entry of journal.entries) {
      if (entry.lsn > maxSeen) maxSeen = entry.lsn;
      if (entry.lsn <= snapshotLsn) continue; // already in the snapshot
      if (entry.lsn <= lastApplied) {
        warn(`Journal ${journalPath}: line ${entry.lineNo} repeats lsn ${entry.lsn} out of order; skipped it.`);
        continue;
      }
      try {
        apply(loaded, entry.m as M);
      } catch (error) {
        warn(`Journal ${journalPath}: line ${entry.lineNo} (lsn ${entry.lsn}) could not be applied (${describe(error)}); skipped it.`);
      }
      lastApplied = entry.lsn;
    }
    lastLsn = maxSeen;
    journalBytes = journal.bytes;
    journalLines = journal.lines;

    handle = await openJournal();
    await prepareTempFile();
    if (closed) {
      // close() was called while we were opening: it had nothing to flush, so just let go of the file.
      await handle.close();
      handle = null;
      throw new Error('Persistence was closed while opening');
    }
    state = loaded;
    opened = true;
    if (journalLines > 0) armIdle();
    return { state: loaded, warnings };
  }

  async function readSnapshot(warn: (line: string) => void): Promise<SnapshotFile<unknown> | null> {
    let text: string;
    try {
      text = await readFile(snapshotPath, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw error; // unreadable (permissions, a folder...): never go on and overwrite it later
    }
    let problem: string | undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      problem = `it does not parse as JSON (${describe(error)})`;
    }
    if (problem === undefined && !isSnapshotFile(parsed)) problem = 'it is not an object with a numeric "lsn" and a "state"';
    if (problem === undefined) return parsed as SnapshotFile<unknown>;

    const aside = await freeName(`${snapshotPath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await rename(snapshotPath, aside);
    warn(
      `Snapshot ${snapshotPath} is corrupt: ${problem}. Moved it aside to ${aside} (kept, not deleted); ` +
        `rebuilding the state from the journal ${journalPath} alone — anything only in that snapshot is missing.`,
    );
    return null;
  }

  async function readJournal(warn: (line: string) => void): Promise<{
    entries: { lsn: number; m: unknown; lineNo: number }[];
    bytes: number;
    lines: number;
  }> {
    let buffer: Buffer;
    try {
      buffer = await readFile(journalPath);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { entries: [], bytes: 0, lines: 0 };
      throw error;
    }

    const lines: { start: number; end: number; complete: boolean }[] = [];
    for (let start = 0; start < buffer.length; ) {
      const newline = buffer.indexOf(0x0a, start);
      if (newline === -1) {
        lines.push({ start, end: buffer.length, complete: false });
        break;
      }
      lines.push({ start, end: newline + 1, complete: true });
      start = newline + 1;
    }

    const parsed = lines.map((line) => parseLine(buffer.toString('utf8', line.start, line.end)));
    let keepBytes = buffer.length;
    let keep = lines.length;
    const last = lines.at(-1);
    if (last && (!last.complete || parsed.at(-1) === 'invalid')) {
      // A crash in the middle of an append: the line was never acknowledged, drop it.
      keep -= 1;
      keepBytes = last.start;
      const reason = last.complete ? 'it does not parse' : 'it has no trailing newline';
      warn(
        `Journal ${journalPath}: dropped a torn last line (line ${lines.length}, ${last.end - last.start} bytes: ${reason}), ` +
          'probably left by a crash in the middle of an append; truncated the journal to the last complete line.',
      );
      await truncate(journalPath, keepBytes);
    }

    const entries: { lsn: number; m: unknown; lineNo: number }[] = [];
    for (let i = 0; i < keep; i++) {
      const entry = parsed[i];
      if (entry === 'blank') continue;
      if (entry === 'invalid') {
        warn(`Journal ${journalPath}: line ${i + 1} does not parse as a journal entry; skipped it (the file keeps it).`);
        continue;
      }
      entries.push({ ...entry, lineNo: i + 1 });
    }
    return { entries, bytes: keepBytes, lines: keep };
  }

  async function openJournal(): Promise<FileHandle> {
    const journal = await open(journalPath, 'a', FILE_MODE);
    try {
      await journal.chmod(FILE_MODE); // in case it existed with another mode
    } catch {
      // not fatal (e.g. a file system without modes)
    }
    return journal;
  }

  // ---------------------------------------------------------------- commit and the single writer

  function commit(mutations: M[]): Promise<void> {
    if (closed) return Promise.reject(new Error('Persistence is closed'));
    let current: S;
    try {
      current = requireState();
    } catch (error) {
      return Promise.reject(error);
    }
    if (mutations.length === 0) {
      return pending.length === 0 && writer === null ? Promise.resolve() : enqueue('', 0, lastLsn);
    }

    // Serialise first, so a mutation that is not JSON rejects the commit before anything is applied.
    // Cost: the size of the mutations, never the size of the state.
    const lines: string[] = new Array(mutations.length);
    try {
      for (let i = 0; i < mutations.length; i++) {
        lines[i] = JSON.stringify({ lsn: lastLsn + 1 + i, m: mutations[i] }) + '\n';
      }
    } catch (error) {
      return Promise.reject(error);
    }

    let applied = 0;
    let failure: { error: unknown } | undefined;
    try {
      for (; applied < mutations.length; applied++) apply(current, mutations[applied]);
    } catch (error) {
      failure = { error };
    }
    if (applied === 0) return Promise.reject(failure?.error);

    lastLsn += applied;
    let text = '';
    for (let i = 0; i < applied; i++) text += lines[i];
    const written = enqueue(text, applied, lastLsn);
    armIdle();
    // What was applied is journaled (memory and disk agree); the caller still learns of the failure.
    return failure ? written.then(() => Promise.reject(failure.error)) : written;
  }

  function enqueue(text: string, lines: number, maxLsn: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      pending.push({ text, lines, maxLsn, resolve, reject });
      kick();
    });
  }

  /**
   * Starts the writer if it is not running. It starts after the I/O phase of this turn of the event loop, so the
   * commits of every request read in that turn share one write.
   */
  function kick(): void {
    if (writer) return;
    writer = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .catch((error: unknown) => log(`Persistence writer failed unexpectedly: ${describe(error)}`))
      .finally(() => {
        writer = null;
        if (pending.length > 0 || rotateReady) kick();
      });
  }

  async function drain(): Promise<void> {
    for (;;) {
      // Rotation happens here, between batches, so no write is in flight while the file is swapped.
      if (rotateReady) {
        await rotate();
        continue;
      }
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      await writeBatch(batch);
    }
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    let text = needsSeparator ? '\n' : '';
    let lines = 0;
    for (const entry of batch) {
      text += entry.text;
      lines += entry.lines;
    }
    if (lines === 0) {
      for (const entry of batch) entry.resolve();
      return;
    }

    const buffer = Buffer.from(text, 'utf8');
    try {
      handle ??= await openJournal();
      writeAllSync(handle.fd, buffer);
    } catch (error) {
      log(`Journal ${journalPath}: write of ${lines} line(s) failed (${describe(error)}); their commits are rejected.`);
      await undoPartialWrite();
      for (const entry of batch) entry.reject(error);
      return;
    }
    needsSeparator = false;
    journalBytes += buffer.length;
    journalLines += lines;
    if (run) {
      for (const entry of batch) {
        if (entry.maxLsn > run.lsn && entry.lines > 0) {
          run.carry.push(entry.text);
          run.carryLines += entry.lines;
        }
      }
    }
    hooks.journalWrite?.({ lines, bytes: buffer.length });
    for (const entry of batch) entry.resolve();
    if (journalLines >= linesLimit || journalBytes >= bytesLimit) startSnapshot();
  }

  function writeAllSync(fd: number, buffer: Buffer): void {
    let offset = 0;
    while (offset < buffer.length) {
      const written = write(fd, buffer, offset, buffer.length - offset);
      if (written <= 0) throw new Error('write(2) wrote nothing');
      offset += written;
    }
  }

  /** After a failed write, cut the journal back to its last known complete line. */
  async function undoPartialWrite(): Promise<void> {
    try {
      if (handle) await handle.truncate(journalBytes);
      else await truncate(journalPath, journalBytes);
    } catch {
      needsSeparator = true;
    }
  }

  // ---------------------------------------------------------------- snapshots

  function armIdle(): void {
    if (closed) return;
    if (idleTimer) {
      idleTimer.refresh();
    } else {
      idleTimer = setTimeout(onIdle, idleMs);
      idleTimer.unref();
    }
  }

  function onIdle(): void {
    if (closed || run) return; // a running snapshot re-arms the timer when it is done
    startSnapshot();
  }

  function hasUnsnapshotted(): boolean {
    return lastLsn > snapshotLsn || journalLines > 0;
  }

  /**
   * Starts a background snapshot (at most one at a time). The state is serialised right now, synchronously, at the
   * current lsn; appends continue while the file is written.
   */
  function startSnapshot(): void {
    if (closed || run || !hasUnsnapshotted()) return;
    const { lsn, written } = beginSnapshotWrite();
    const current: SnapshotRun = { lsn, carry: [], carryLines: 0, done: Promise.resolve() };
    run = current;
    current.done = (async () => {
      try {
        await written;
        lastSnapshotBytes = (await stat(snapshotPath)).size;
        await prepareTempFile(); // for the next snapshot
        await hooks.snapshotWritten?.({ lsn });
        rotateReady = true;
        kick();
      } catch (error) {
        log(`Snapshot ${snapshotPath}: write failed (${describe(error)}); the journal is kept and replays everything.`);
        run = null;
        // Do not retry at every batch: wait for another threshold's worth of lines, or for quiet.
        linesLimit = journalLines + everyLines;
        bytesLimit = journalBytes + everyBytes;
        armIdle();
      }
    })();
  }

  /**
   * Writes the snapshot through lowdb (temp file + rename). The state is serialised synchronously, within this call,
   * together with reading `lastLsn`, so the snapshot is exactly the state at that lsn: lowdb's `Low.write` →
   * `JSONFile.write` → `JSON.stringify` runs before its first await (the "consistent at every instant" test checks it).
   */
  function beginSnapshotWrite(): { lsn: number; written: Promise<void> } {
    if (!db) throw new Error('Persistence is not open');
    const lsn = lastLsn;
    db.data = { lsn, state: requireState() };
    const pending = db.write();
    db.data = null; // lowdb already holds the serialised text; do not keep a second reference to the state
    // lowdb's temp file gets the default mode (0644 under the usual umask) unless prepareTempFile made it first.
    const written = pending.then(() => chmod(snapshotPath, FILE_MODE));
    return { lsn, written };
  }

  /**
   * lowdb (steno) writes `.<name>.tmp` beside the snapshot, then renames it. Creating that file beforehand with mode
   * 0600 (at open and after each snapshot, so serialisation never waits for it) means the snapshot is never readable
   * by others, not even for the moment before the chmod above. After a crash it may stay behind, empty and harmless.
   */
  async function prepareTempFile(): Promise<void> {
    const temp = path.join(dir, `.${path.basename(snapshotPath)}.tmp`);
    try {
      const created = await open(temp, 'a', FILE_MODE);
      try {
        await created.chmod(FILE_MODE);
      } finally {
        await created.close();
      }
    } catch {
      // best effort; the chmod after the write still applies
    }
  }

  /**
   * Replaces the journal with the lines a just-written snapshot does not include (those committed while it was being
   * written). Runs in the writer, between batches. Temp file + rename: at every instant the journal on disk holds
   * every line with lsn > the snapshot's lsn.
   */
  async function rotate(): Promise<void> {
    rotateReady = false;
    const current = run;
    if (!current) return;
    const kept = current.carry.join('');
    const temp = `${journalPath}.tmp`;
    let rotated = false;
    try {
      const out = await open(temp, 'w', FILE_MODE);
      try {
        await out.chmod(FILE_MODE);
        await writeAll(out, Buffer.from(kept, 'utf8'));
      } finally {
        await out.close();
      }
      if (handle) {
        const old = handle;
        handle = null; // reopened lazily by the next write (closing first also lets the rename work on Windows)
        await old.close();
      }
      await rename(temp, journalPath);
      journalLines = current.carryLines;
      journalBytes = Buffer.byteLength(kept);
      needsSeparator = false;
      linesLimit = everyLines;
      bytesLimit = Math.max(everyBytes, lastSnapshotBytes);
      rotated = true;
    } catch (error) {
      // The old journal is intact: replay skips its lines up to the snapshot's lsn.
      log(`Journal ${journalPath}: rotation after the snapshot failed (${describe(error)}); kept the whole journal.`);
      linesLimit = journalLines + everyLines;
      bytesLimit = journalBytes + everyBytes;
    } finally {
      snapshotLsn = Math.max(snapshotLsn, current.lsn);
      run = null;
    }
    if (rotated) hooks.journalRotated?.({ lsn: current.lsn, keptLines: current.carryLines });
    if (journalLines >= linesLimit || journalBytes >= bytesLimit) startSnapshot();
    else if (lastLsn > snapshotLsn) armIdle();
  }

  // ---------------------------------------------------------------- close

  async function doClose(): Promise<void> {
    closed = true;
    if (idleTimer) clearTimeout(idleTimer);
    if (!opened) {
      // Never opened (or open() still running): nothing of ours to flush.
      return;
    }
    // Let pending writes and a running snapshot (and its rotation) finish.
    while (writer || run) await (writer ?? run?.done);

    let failure: unknown;
    if (hasUnsnapshotted()) {
      try {
        const { lsn, written } = beginSnapshotWrite();
        await written;
        snapshotLsn = lsn;
        // No commit can come any more: every journal line is in the snapshot.
        if (handle) await handle.truncate(0);
        else await truncate(journalPath, 0);
        journalBytes = 0;
        journalLines = 0;
      } catch (error) {
        log(`Snapshot ${snapshotPath}: final write failed (${describe(error)}); the journal is kept.`);
        failure = error;
      }
    }
    if (handle) {
      const old = handle;
      handle = null;
      await old.close().catch(() => undefined);
    }
    if (failure !== undefined) throw failure;
  }

  return {
    open() {
      if (opening || closed) {
        return Promise.reject(new Error(closed ? 'Persistence is closed' : 'open() may be called only once'));
      }
      opening = true;
      return doOpen();
    },
    commit,
    get state() {
      return requireState();
    },
    close() {
      closing ??= doClose();
      return closing;
    },
  };
}

// ---------------------------------------------------------------- helpers

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? value : fallback;
}

function parseLine(text: string): { lsn: number; m: unknown } | 'invalid' | 'blank' {
  if (text.trim() === '') return 'blank';
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      'lsn' in value &&
      'm' in value &&
      Number.isSafeInteger(value.lsn) &&
      (value.lsn as number) > 0
    ) {
      return { lsn: value.lsn as number, m: value.m };
    }
  } catch {
    // fall through
  }
  return 'invalid';
}

function isSnapshotFile(value: unknown): value is SnapshotFile<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'lsn' in value &&
    'state' in value &&
    Number.isSafeInteger(value.lsn) &&
    (value.lsn as number) >= 0
  );
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    if (bytesWritten <= 0) throw new Error('write(2) wrote nothing');
    offset += bytesWritten;
  }
}

/** `base`, or `base-1`, `base-2`... whichever does not exist: never overwrite what could not be read. */
async function freeName(base: string): Promise<string> {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? base : `${base}-${i}`;
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
