import type { FeedEntry, IdempotencyRecord, Message } from './message.js';

export const schemaVersion = 1;

/** Everything the store persists. Plain JSON: it is the lowdb snapshot as is. */
export interface StoreState {
  schemaVersion: number;
  /** The cursor: the last `seq` handed out. Never goes back, not even on reset. */
  seq: number;
  /** By id, in insertion (= seq) order. */
  messages: Record<string, Message>;
  /** By `idempotencyKey(org, idempotencyId)`. */
  idempotency: Record<string, IdempotencyRecord>;
  /** The last `sequenceNumber` of the status feed. */
  feedSeq: number;
  feed: FeedEntry[];
}

/** One journal line's worth of change. Each is applied by `applyMutation`, live and on replay. */
export type StoreMutation =
  /** A new message; with a `fingerprint`, its order's idempotency record is derived from it. */
  | { op: 'message.insert'; message: Message; fingerprint: string | null }
  | { op: 'message.update'; id: string; set: Partial<Omit<Message, 'id' | 'seq'>> }
  /**
   * Status steps reached at `at`, and the order's new status if it changes (the usual update: kept small). An order
   * that completes carries its status-feed entry in the same line, so a crash cannot leave one without the other.
   */
  | { op: 'message.status'; id: string; statuses: string[]; at: string; orderStatus: string | null; feed?: FeedEntry }
  | { op: 'messages.delete'; ids: string[] }
  | { op: 'idempotency.delete'; keys: string[] }
  /** Written by versions before the feed entry went into `message.status`; still replayed from old journals. */
  | { op: 'feed.append'; entry: FeedEntry }
  /** Drops the `count` oldest feed entries (retention). */
  | { op: 'feed.prune'; count: number }
  | { op: 'reset' };

export function emptyStoreState(): StoreState {
  return { schemaVersion, seq: 0, messages: {}, idempotency: {}, feedSeq: 0, feed: [] };
}

export function idempotencyKey(org: string, idempotencyId: string): string {
  return `${org}\n${idempotencyId}`;
}

export function applyMutation(state: StoreState, m: StoreMutation): void {
  switch (m.op) {
    case 'message.insert': {
      const { message } = m;
      state.messages[message.id] = message;
      state.seq = Math.max(state.seq, message.seq);
      if (message.order && m.fingerprint !== null) {
        const { org, idempotencyId, notificationOrderId, shipmentId, sendersReference } = message.order;
        state.idempotency[idempotencyKey(org, idempotencyId)] = {
          org,
          idempotencyId,
          notificationOrderId,
          shipmentId,
          sendersReference,
          messageId: message.id,
          fingerprint: m.fingerprint,
          createdAt: message.createdAt,
        };
      }
      return;
    }
    case 'message.status': {
      const current = Object.hasOwn(state.messages, m.id) ? state.messages[m.id] : undefined;
      if (!current || m.statuses.length === 0) return;
      if (m.feed) appendFeed(state, m.feed);
      const order =
        current.order && m.orderStatus !== null
          ? { ...current.order, status: m.orderStatus, statusHistory: [...current.order.statusHistory, { status: m.orderStatus, at: m.at }] }
          : current.order;
      state.messages[m.id] = {
        ...current,
        status: m.statuses[m.statuses.length - 1],
        statusHistory: [...current.statusHistory, ...m.statuses.map((status) => ({ status, at: m.at }))],
        order,
        updatedAt: m.at,
      };
      return;
    }
    case 'message.update': {
      // Messages are replaced, never changed in place, so a reference handed out earlier stays as it was.
      // An update for a message pruned meanwhile is dropped, not resurrected.
      const current = Object.hasOwn(state.messages, m.id) ? state.messages[m.id] : undefined;
      if (current) state.messages[m.id] = { ...current, ...m.set, id: current.id, seq: current.seq };
      return;
    }
    case 'messages.delete':
      for (const id of m.ids) delete state.messages[id];
      return;
    case 'idempotency.delete':
      for (const key of m.keys) delete state.idempotency[key];
      return;
    case 'feed.append':
      appendFeed(state, m.entry);
      return;
    case 'feed.prune':
      state.feed = state.feed.slice(m.count); // a fresh array: splicing the front can leave a slow, holey one
      return;
    case 'reset': {
      const { seq, feedSeq } = state;
      Object.assign(state, emptyStoreState(), { seq, feedSeq });
      return;
    }
  }
}

function appendFeed(state: StoreState, entry: FeedEntry): void {
  state.feed.push(entry);
  state.feedSeq = Math.max(state.feedSeq, entry.sequenceNumber);
}

/** Brings a snapshot of an older (or unversioned) schema to the current one. */
export function migrateStoreState(raw: unknown): StoreState {
  const base = emptyStoreState();
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Partial<StoreState>;
  // Version 0 (no schemaVersion) kept messages as an array; version 1 keys them by id.
  const messages = Array.isArray(r.messages)
    ? Object.fromEntries((r.messages as Message[]).map((m) => [m.id, m]))
    : (r.messages ?? {});
  return { ...base, ...r, schemaVersion, messages };
}
