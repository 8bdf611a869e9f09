/**
 * A generic, domain-agnostic durable state container.
 *
 * The state `S` lives in memory and is changed only through mutations `M` (plain JSON objects) fed to a pure,
 * deterministic reducer `apply`. The file implementation keeps a lowdb JSON snapshot plus an append-only journal of
 * mutations beside it (the Redis RDB + AOF pattern); the memory implementation writes nothing.
 * See product.md §3 (Storage) in the design notes.
 */

export interface PersistenceOptions<S, M> {
  /** A fresh empty state. */
  empty: () => S;
  /**
   * Pure, deterministic, in-place reducer, used both live and for replay. It should validate before it mutates:
   * if it throws, the state may be partly changed and the commit is rejected.
   */
  apply: (state: S, mutation: M) => void;
  /** Snapshot of an older schema version -> current. Called on every loaded snapshot (may be identity). */
  migrate?: (raw: unknown) => S;
  /** Warnings (torn line dropped, corrupt snapshot moved aside, failed write). Default: console.warn. */
  log?: (line: string) => void;
}

export interface Persistence<S, M> {
  /**
   * Loads snapshot + replays journal. Call once before anything else. Returns the state (owned by the persistence
   * from now on) and the warnings (which are also sent to `log`).
   */
  open(): Promise<{ state: S; warnings: string[] }>;
  /**
   * Applies the mutations to the in-memory state synchronously (so callers see them at once), then resolves when
   * their journal lines have been written (write(2) returned). Appends from concurrent callers are grouped into one
   * write by a single writer; order preserved. `commit([])` resolves once everything committed before it is written.
   */
  commit(mutations: M[]): Promise<void>;
  /** Current state (same object `open` returned). */
  readonly state: S;
  /** Waits for pending writes, writes the snapshot, truncates the journal, closes files. Idempotent. */
  close(): Promise<void>;
}

/** The default `log`. */
export function defaultLog(line: string): void {
  console.warn(line);
}
