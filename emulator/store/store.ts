import { randomUUID } from 'node:crypto';
import type { EventBus } from '../events.js';
import type { FeedEntry, IdempotencyRecord, Message, MessageDraft } from './message.js';
import { compileMessageFilter, type MessageFilter } from './message-filter.js';
import type { Persistence } from './persistence/persistence.js';
import { idempotencyKey, type StoreMutation, type StoreState } from './store-state.js';

/** Idempotency records outlive a pruned message by this long after their order (product §3). */
const idempotencyRetentionMs = 48 * 3600 * 1000;

export interface StoreDeps {
  persistence: Persistence<StoreState, StoreMutation>;
  events: EventBus;
  /** 0 = unlimited. */
  maxMessages: number;
  now: () => Date;
  newId?: () => string;
}

export interface FeedQuery {
  org: string;
  seq: number;
  pageSize: number;
  orderBy: 'Asc' | 'Desc';
}

/**
 * The one way in and out of the emulator's state (architecture: "every ingress ends in one store call that also
 * emits the event"). Mutations are applied in memory at once and resolve when their journal line is written;
 * events go out after that, so nobody hears of a message that is not durable.
 */
export interface Store {
  open(): Promise<string[]>;
  close(): Promise<void>;
  /** The last `seq` handed out. */
  readonly cursor: number;
  insertMessage(draft: MessageDraft, idempotency?: Omit<IdempotencyRecord, 'messageId'>): Promise<Message>;
  /** Replaces fields of a message; resolves with the new message, or null if it no longer exists. */
  updateMessage(id: string, patch: Partial<Omit<Message, 'id' | 'seq'>>): Promise<Message | null>;
  appendFeedEntry(entry: Omit<FeedEntry, 'sequenceNumber'>): Promise<FeedEntry>;
  getMessage(id: string): Message | null;
  findByShipmentId(shipmentId: string): Message | null;
  findIdempotency(org: string, idempotencyId: string): IdempotencyRecord | null;
  /** Newest first. */
  listMessages(filter: MessageFilter, limit: number): Message[];
  deleteMessages(filter: MessageFilter): Promise<string[]>;
  feed(query: FeedQuery): FeedEntry[];
  counts(): { messages: number; sms: number; email: number };
  reset(): Promise<void>;
}

export function createStore(deps: StoreDeps): Store {
  const { persistence, events } = deps;
  const newId = deps.newId ?? randomUUID;
  const state = (): StoreState => persistence.state;

  function retentionMutations(): StoreMutation[] {
    const s = state();
    const ids = Object.keys(s.messages);
    const excess = deps.maxMessages > 0 ? ids.length - deps.maxMessages : 0;
    if (excess <= 0) return [];
    const pruned = ids.slice(0, excess);
    const cutoff = deps.now().getTime() - idempotencyRetentionMs;
    const staleKeys = Object.entries(s.idempotency)
      .filter(([, r]) => Date.parse(r.createdAt) < cutoff && !s.messages[r.messageId])
      .map(([key]) => key);
    const out: StoreMutation[] = [{ op: 'messages.delete', ids: pruned }];
    if (staleKeys.length) out.push({ op: 'idempotency.delete', keys: staleKeys });
    return out;
  }

  return {
    async open() {
      const { warnings } = await persistence.open();
      return warnings;
    },
    close: () => persistence.close(),
    get cursor() {
      return state().seq;
    },

    async insertMessage(draft, idempotency) {
      const message: Message = { id: newId(), seq: state().seq + 1, ...draft };
      const record = idempotency ? { ...idempotency, messageId: message.id } : null;
      const insert: StoreMutation = { op: 'message.insert', message, idempotency: record };
      // The insert is applied first so that retention counts it; both go out in one journal write.
      const commit = persistence.commit([insert]);
      const prune = retentionMutations();
      const pruneCommit = prune.length ? persistence.commit(prune) : null;
      await commit;
      await pruneCommit;
      events.emit('message.created', { message }, message.seq);
      const pruned = prune.find((m) => m.op === 'messages.delete');
      if (pruned?.op === 'messages.delete') events.emit('messages.deleted', { ids: pruned.ids }, state().seq);
      return message;
    },

    async updateMessage(id, patch) {
      const current = state().messages[id];
      if (!current) return null;
      const message: Message = { ...current, ...patch, id, seq: current.seq };
      await persistence.commit([{ op: 'message.update', message }]);
      events.emit('message.updated', { message }, state().seq);
      return message;
    },

    async appendFeedEntry(entry) {
      const full: FeedEntry = { ...entry, sequenceNumber: state().feedSeq + 1 };
      await persistence.commit([{ op: 'feed.append', entry: full }]);
      return full;
    },

    getMessage: (id) => (Object.hasOwn(state().messages, id) ? state().messages[id] : null),

    findByShipmentId(shipmentId) {
      for (const m of Object.values(state().messages)) if (m.order?.shipmentId === shipmentId) return m;
      return null;
    },

    findIdempotency(org, idempotencyId) {
      const key = idempotencyKey(org, idempotencyId);
      return Object.hasOwn(state().idempotency, key) ? state().idempotency[key] : null;
    },

    listMessages(filter, limit) {
      const matches = compileMessageFilter(filter);
      const all = Object.values(state().messages);
      const out: Message[] = [];
      for (let i = all.length - 1; i >= 0 && out.length < limit; i--) if (matches(all[i])) out.push(all[i]);
      return out;
    },

    async deleteMessages(filter) {
      const matches = compileMessageFilter(filter);
      const ids = Object.values(state().messages).filter(matches).map((m) => m.id);
      if (ids.length === 0) return ids;
      await persistence.commit([{ op: 'messages.delete', ids }]);
      events.emit('messages.deleted', { ids }, state().seq);
      return ids;
    },

    feed({ org, seq, pageSize, orderBy }) {
      const entries = state().feed.filter((e) => e.org === org && e.sequenceNumber > seq);
      if (orderBy === 'Desc') entries.reverse();
      return entries.slice(0, pageSize);
    },

    counts() {
      const all = Object.values(state().messages);
      const sms = all.filter((m) => m.channel === 'sms').length;
      return { messages: all.length, sms, email: all.length - sms };
    },

    async reset() {
      await persistence.commit([{ op: 'reset' }]);
      events.emit('reset', {}, state().seq);
    },
  };
}
