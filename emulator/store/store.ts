import type { ClockSetting, ClockView } from '../clock.js';
import type { FaultRule, FaultRuleInput } from '../delivery/fault-rule.js';
import type { EventBus } from '../events.js';
import type { FeedEntry, IdempotencyRecord, MessageDraft, PhoneState, StoredMessage } from './message.js';
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
}

/** A status-feed entry before the store numbers it. */
export type FeedDraft = Omit<FeedEntry, 'sequenceNumber'>;

export interface InsertOptions {
  /** For an API message: its order then gets an idempotency record (by org and idempotencyId, from `draft.order`). */
  fingerprint?: string;
  /** The order's status-feed entry, when the message is already final (its life cycle ended at once). */
  feed?: FeedDraft;
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
  /**
   * The last `seq` whose `message.created` went out (so it is durable). Messages above it are in memory but not yet
   * written: a reader that must not hand those out (the long-poll) looks only up to here and hears of the rest.
   */
  readonly announcedCursor: number;
  /** Stores a new message (see `InsertOptions` for API orders). The draft is taken over: it becomes the message. */
  insertMessage(draft: MessageDraft, options?: InsertOptions): Promise<StoredMessage>;
  /**
   * Appends status steps reached at `at` (and the order's new status, if any; with `feed`, the order's status-feed
   * entry, numbered here); null if the message is gone.
   */
  recordStatus(id: string, statuses: string[], at: string, orderStatus: string | null, feed?: FeedDraft): Promise<StoredMessage | null>;
  /** Replaces fields of a message; resolves with the new message, or null if it no longer exists. */
  updateMessage(id: string, patch: Partial<Omit<StoredMessage, 'id' | 'seq'>>): Promise<StoredMessage | null>;
  getMessage(id: string): StoredMessage | null;
  findByShipmentId(shipmentId: string): StoredMessage | null;
  findIdempotency(org: string, idempotencyId: string): IdempotencyRecord | null;
  /** Newest first. */
  listMessages(filter: MessageFilter, limit: number): StoredMessage[];
  deleteMessages(filter: MessageFilter): Promise<string[]>;
  feed(query: FeedQuery): FeedEntry[];
  counts(): { messages: number; sms: number; email: number };
  /** Everything back to empty: messages, orders, idempotency, phones, faults, clock (`POST /_emulator/reset`). */
  reset(): Promise<void>;

  /** Phones that were switched, by E.164; a phone not listed is online. */
  phones(): Readonly<Record<string, PhoneState>>;
  /** Switches a phone (`number` normalised by the caller); `phone.changed`. */
  setPhone(number: string, state: PhoneState): Promise<void>;
  faults(): readonly FaultRule[];
  /** Adds a rule with the next id; `faults.changed`. */
  addFault(input: FaultRuleInput, createdAt: string): Promise<FaultRule>;
  /** Removes these rules (null: all); resolves with the ids removed; `faults.changed` if any. */
  deleteFaults(ids: string[] | null): Promise<string[]>;
  /** Counts one use of each rule (a rule with no `remaining` left goes); `faults.changed`. */
  useFaults(ids: string[]): Promise<void>;
  /** Resolves when every change made so far is written and announced. */
  settled(): Promise<void>;
  /** The clock as persisted (restored at start). */
  clockSetting(): ClockSetting;
  /** Persists the clock; `clock.changed` with `view`. */
  setClock(setting: ClockSetting, view: ClockView): Promise<void>;
}

export function createStore(deps: StoreDeps): Store {
  const { persistence, events } = deps;
  const state = (): StoreState => persistence.state;

  // Ids in seq order, oldest first, from `head` on: retention takes the oldest without listing every message
  // (which would make each insert cost the size of the store). Rebuilt when messages go by other means.
  const bySeq = createQueue(() => Object.keys(state().messages));
  // Idempotency keys in creation order, so expired ones are found at the front without scanning them all.
  const byCreation = createQueue(() => Object.keys(state().idempotency));

  /**
   * What retention removes once the message just queued in `bySeq` is in (it is not applied yet: the insert and these
   * go out in one commit); `addsFeedEntry` when that insert appends a status-feed entry.
   */
  function retentionMutations(addsFeedEntry: boolean): StoreMutation[] {
    if (deps.maxMessages <= 0) return [];
    const s = state();
    const out: StoreMutation[] = [];
    const pruned = bySeq.take(Math.max(0, bySeq.size() - deps.maxMessages));
    if (pruned.length) out.push({ op: 'messages.delete', ids: pruned });
    // Records outlive their pruned message for 48 h (product §3); one still holding its message stays.
    const cutoff = new Date(deps.now().getTime() - idempotencyRetentionMs).toISOString();
    // The sweep stops at the first record whose message is still held: messages go oldest first, so it resumes there.
    const pruning = new Set(pruned);
    const expired = byCreation.takeWhile((key) => {
      if (!Object.hasOwn(s.idempotency, key)) return true; // already gone (reset)
      const r = s.idempotency[key];
      return r.createdAt < cutoff && (pruning.has(r.messageId) || !Object.hasOwn(s.messages, r.messageId));
    });
    const keys = expired.filter((key) => Object.hasOwn(s.idempotency, key));
    if (keys.length) out.push({ op: 'idempotency.delete', keys });
    // The feed keeps as many entries as messages are kept, trimmed in batches so that trimming is amortised.
    const feedLength = s.feed.length + (addsFeedEntry ? 1 : 0);
    if (feedLength > deps.maxMessages + 1000) out.push({ op: 'feed.prune', count: feedLength - deps.maxMessages });
    return out;
  }

  // Events go out in the order their changes were applied, each once durable: awaiting each commit on its own let a
  // status change (one await) overtake the insert it follows (two awaits).
  let announced: Promise<unknown> = Promise.resolve();
  let announcedSeq = 0;
  function announce(durable: Promise<unknown>, emit: () => void): Promise<void> {
    const turn = announced.then(() => durable).then(emit);
    announced = turn.catch(() => undefined);
    return turn;
  }

  /** One change to a stored message: applied now, announced once durable; null if the message is gone. */
  async function changeMessage(change: StoreMutation & { id: string }): Promise<StoredMessage | null> {
    if (!Object.hasOwn(state().messages, change.id)) return null;
    const committed = persistence.commit([change]);
    const message = state().messages[change.id];
    const cursor = state().seq;
    await announce(committed, () => events.emit('message.updated', { message }, cursor));
    return message;
  }

  return {
    async open() {
      const { warnings } = await persistence.open();
      announcedSeq = state().seq; // what was loaded is on disk
      bySeq.rebuild();
      byCreation.rebuild();
      return warnings;
    },
    close: () => persistence.close(),
    get cursor() {
      return state().seq;
    },
    get announcedCursor() {
      return announcedSeq;
    },

    async insertMessage(draft, options = {}) {
      const { fingerprint, feed } = options;
      // The draft becomes the stored message (callers hand it over and do not change it afterwards): a copy of
      // every field cost ~2 µs per message, measurable on the instant-order path.
      const message = draft as StoredMessage;
      message.seq = state().seq + 1;
      const insert: StoreMutation = feed
        ? { op: 'message.insert', message, fingerprint: fingerprint ?? null, feed: { ...feed, sequenceNumber: state().feedSeq + 1 } }
        : { op: 'message.insert', message, fingerprint: fingerprint ?? null };
      // Retention counts the new message; the insert and what retention removes are one commit (applied in that
      // order), so one promise and one write carry both.
      bySeq.push(message.id);
      const prune = retentionMutations(feed !== undefined);
      if (message.order && fingerprint !== undefined) byCreation.push(idempotencyKey(message.order.org, message.order.idempotencyId));
      const commit = persistence.commit(prune.length ? [insert, ...prune] : [insert]);
      const pruned = prune.find((m) => m.op === 'messages.delete');
      await announce(commit, () => {
        announcedSeq = message.seq;
        events.emit('message.created', { message }, message.seq);
        if (pruned?.op === 'messages.delete') events.emit('messages.deleted', { ids: pruned.ids }, message.seq);
      });
      return message;
    },

    updateMessage: (id, patch) => changeMessage({ op: 'message.update', id, set: patch }),

    recordStatus: (id, statuses, at, orderStatus, feed) =>
      changeMessage(
        feed
          ? { op: 'message.status', id, statuses, at, orderStatus, feed: { ...feed, sequenceNumber: state().feedSeq + 1 } }
          : { op: 'message.status', id, statuses, at, orderStatus },
      ),

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
      const out: StoredMessage[] = [];
      for (let i = all.length - 1; i >= 0 && out.length < limit; i--) if (matches(all[i])) out.push(all[i]);
      return out;
    },

    async deleteMessages(filter) {
      const matches = compileMessageFilter(filter);
      const ids = Object.values(state().messages).filter(matches).map((m) => m.id);
      if (ids.length === 0) return ids;
      const committed = persistence.commit([{ op: 'messages.delete', ids }]);
      bySeq.rebuild();
      const cursor = state().seq;
      await announce(committed, () => events.emit('messages.deleted', { ids }, cursor));
      return ids;
    },

    feed({ org, seq, pageSize, orderBy }) {
      const entries = state().feed.filter((e) => e.org === org && e.sequenceNumber > seq);
      if (orderBy === 'Desc') entries.reverse();
      return entries.slice(0, pageSize);
    },

    counts() {
      let sms = 0;
      let email = 0;
      for (const m of Object.values(state().messages)) m.channel === 'sms' ? sms++ : email++;
      return { messages: sms + email, sms, email };
    },

    async reset() {
      const ids = Object.keys(state().messages);
      const committed = persistence.commit([{ op: 'reset' }]);
      bySeq.rebuild();
      byCreation.rebuild();
      const cursor = state().seq;
      await announce(committed, () => events.emit('messages.deleted', { ids, reset: true }, cursor));
    },

    phones: () => state().phones,

    async setPhone(number, phone) {
      const committed = persistence.commit([{ op: 'phone.set', number, state: phone }]);
      const cursor = state().seq;
      await announce(committed, () => events.emit('phone.changed', { phone: { number, ...phone } }, cursor));
    },

    faults: () => state().faults,

    async addFault(input, createdAt) {
      const rule: FaultRule = { id: String(state().faultSeq + 1), ...input, remaining: input.times, hits: 0, createdAt };
      await changeFaults([{ op: 'faults.add', rule }]);
      return rule;
    },

    async deleteFaults(ids) {
      const gone = state().faults.filter((rule) => ids === null || ids.includes(rule.id)).map((rule) => rule.id);
      if (gone.length) await changeFaults([{ op: 'faults.delete', ids }]);
      return gone;
    },

    useFaults: (ids) => (ids.length ? changeFaults([{ op: 'faults.use', ids }]) : Promise.resolve()),

    settled: () => announced.then(() => undefined),

    clockSetting: () => state().clock,

    async setClock(setting, view) {
      const committed = persistence.commit([{ op: 'clock.set', clock: setting }]);
      const cursor = state().seq;
      await announce(committed, () => events.emit('clock.changed', { clock: view }, cursor));
    },
  };

  async function changeFaults(mutations: StoreMutation[]): Promise<void> {
    const committed = persistence.commit(mutations);
    const cursor = state().seq;
    const faults = state().faults;
    await announce(committed, () => events.emit('faults.changed', { faults }, cursor));
  }
}

/** A FIFO of keys with O(1) amortised take from the front. */
function createQueue(all: () => string[]) {
  let items: string[] = [];
  let head = 0;
  const compact = () => {
    if (head > 1024 && head > items.length / 2) {
      items = items.slice(head);
      head = 0;
    }
  };
  return {
    rebuild() {
      items = all();
      head = 0;
    },
    push: (key: string) => void items.push(key),
    size: () => items.length - head,
    take(count: number): string[] {
      const out = items.slice(head, head + count);
      head += out.length;
      compact();
      return out;
    },
    takeWhile(test: (key: string) => boolean): string[] {
      const start = head;
      while (head < items.length && test(items[head])) head++;
      const out = items.slice(start, head);
      compact();
      return out;
    },
  };
}
