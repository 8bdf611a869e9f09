import { htmlToText } from '../analysis/html-to-text.js';
import { withAnalysis } from '../analysis/with-analysis.js';
import type { EmulatorEvent, EventBus } from '../events.js';
import type { Channel, Message, StoredMessage } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';
import type { Store } from '../store/store.js';

/** What a waiter waits for (product §4, `GET /_emulator/messages/wait`). Every given filter must hold. */
export interface WaitQuery {
  /** Only messages with `seq` greater than this cursor. */
  after: number;
  channel?: Channel;
  /** A recipient, matched normalised (`recipientKey`). */
  to?: string;
  /** Case-insensitive text in the subject, the text, the body or the HTML's text. */
  contains?: string;
  /** Only messages in which a one-time code was found. */
  otp?: boolean;
}

export interface WaitOptions {
  /** Real time (it bounds how long a client waits), not the emulator clock. 0 = look once, do not wait. */
  timeoutMs: number;
  /** Aborting releases the waiter at once; `wait` then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A message after the cursor that did not match, with one readable reason per filter it failed. */
export interface NearMiss {
  id: string;
  seq: number;
  channel: Channel;
  to: string[];
  subject: string | null;
  preview: string;
  reasons: string[];
}

export type WaitOutcome =
  | { matched: true; message: Message }
  | { matched: false; nearMisses: NearMiss[]; nearMissesOmitted: number; cursor: number };

export interface MessageWaiter {
  /** Resolves with the first match (lowest `seq` after the cursor), or with the near misses when time runs out. */
  wait(query: WaitQuery, options: WaitOptions): Promise<WaitOutcome>;
  /** How many waits are pending now (health, and tests that check a hang-up releases its waiter). */
  readonly count: number;
}

export interface MessageWaiterDeps {
  store: Pick<Store, 'announcedCursor' | 'listMessages' | 'getMessage'>;
  events: EventBus;
  /** Most near misses listed on a timeout (the oldest first). Default 20. */
  nearMissLimit?: number;
}

interface Pending {
  offer(message: StoredMessage): void;
}

/**
 * The waiting primitive behind the long-poll (architecture habit 8: listen first, then look). A wait registers
 * for `message.created` BEFORE it reads the store, so a message announced between the two is seen by one or the
 * other. It answers only with durable messages: the look-up reads up to `store.announcedCursor`, and a message
 * above it (in memory, its journal write still pending) reaches the wait through its announcement. One bus
 * subscription serves every pending wait, and only while at least one is pending.
 */
export function createMessageWaiter(deps: MessageWaiterDeps): MessageWaiter {
  const { store, events } = deps;
  const nearMissLimit = deps.nearMissLimit ?? 20;
  const pending = new Set<Pending>();
  let unsubscribe: (() => void) | null = null;
  // Normalising a phone number is the costly part of a match; with many waiters, do it once per message.
  const keyCache = new WeakMap<StoredMessage, string[]>();
  // Likewise the text `contains` searches (HTML made text). A message's content never changes: a change is a new
  // object (only the analysis fields are filled in place, see withAnalysis).
  const textCache = new WeakMap<StoredMessage, string>();
  const texts: MessageTexts = {
    recipientKeys(m) {
      let keys = keyCache.get(m);
      if (!keys) keyCache.set(m, (keys = m.to.map(recipientKey)));
      return keys;
    },
    searchable(m) {
      let text = textCache.get(m);
      if (text === undefined) textCache.set(m, (text = searchableText(m).toLowerCase()));
      return text;
    },
  };

  const onEvent = (event: EmulatorEvent) => {
    // Only arrivals matter: a status change does not change what a message matches, a deletion does not end a wait.
    if (event.type !== 'message.created') return;
    for (const p of [...pending]) p.offer(event.data.message);
  };
  const add = (p: Pending) => {
    pending.add(p);
    unsubscribe ??= events.subscribe(onEvent);
  };
  const remove = (p: Pending) => {
    pending.delete(p);
    if (pending.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };

  function nearMisses(query: WaitQuery, test: WaitTest) {
    const announced = store.announcedCursor;
    const arrived = store.listMessages({ after: query.after, before: announced + 1 }, Number.MAX_SAFE_INTEGER).reverse();
    const misses: NearMiss[] = [];
    let total = 0;
    for (const m of arrived) {
      if (test.matches(m)) continue;
      total++;
      // Every reason only for the ones listed: the rest are counted, and not analysed for it.
      if (misses.length < nearMissLimit) misses.push(nearMiss(m, test.reasons(m)));
    }
    // The announced cursor, not the store's: a message above it may still match, and waiting after it must find it.
    return { matched: false as const, nearMisses: misses, nearMissesOmitted: total - misses.length, cursor: announced };
  }

  return {
    get count() {
      return pending.size;
    },

    wait(query, { timeoutMs, signal }) {
      return new Promise<WaitOutcome>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const test = compileWaitTest(query, texts);
        let timer: ReturnType<typeof setTimeout> | undefined;
        let settled = false;
        // An arrival, the timer and a hang-up can fall in the same turn: the first one wins, once.
        const settle = (done: () => void) => {
          if (settled) return;
          settled = true;
          remove(entry);
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          done();
        };
        const found = (m: StoredMessage) => settle(() => resolve({ matched: true, message: withAnalysis(store.getMessage(m.id) ?? m) }));
        const onAbort = () => settle(() => reject(signal?.reason));
        const entry: Pending = {
          offer(m) {
            if (m.seq > query.after && test.matches(m)) found(m);
          },
        };

        // The look-up is synchronous and the store announces only from its commit callbacks, never from a read, so
        // nothing is offered while it runs: a message announced before `add` is in the store at or below
        // `announcedCursor` (the look-up finds it), one announced after comes to `offer` once the look-up is done,
        // and arrivals come in `seq` order, so the first match found is the lowest. Listening first is what would
        // keep a look-up that yields (or a store that announces during a read) from losing a message.
        add(entry); // first listen ...
        try {
          const stored = firstStoredMatch(query, test); // ... then look
          if (settled) return; // only a store that announced during the read gets here
          if (stored) return found(stored);
          if (timeoutMs <= 0) return settle(() => resolve(nearMisses(query, test)));
        } catch (err) {
          return settle(() => reject(err));
        }
        // Node fires a timer longer than 2^31-1 ms at once; the route caps at 120 s, direct callers may not.
        timer = setTimeout(() => settle(() => resolve(nearMisses(query, test))), Math.min(timeoutMs, 2 ** 31 - 1));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };

  function firstStoredMatch(query: WaitQuery, test: WaitTest): StoredMessage | null {
    // The store narrows by cursor, durability, channel and recipient; text and code are checked here. Newest first,
    // so walk back.
    const before = store.announcedCursor + 1;
    const candidates = store.listMessages({ after: query.after, before, channel: query.channel, to: query.to }, Number.MAX_SAFE_INTEGER);
    for (let i = candidates.length - 1; i >= 0; i--) if (test.matches(candidates[i])) return candidates[i];
    return null;
  }
}

/** What matching reads from a message, computed once per message object however many waits ask. */
interface MessageTexts {
  recipientKeys(m: StoredMessage): string[];
  /** `searchableText`, lower-cased. */
  searchable(m: StoredMessage): string;
}

/** A wait's filters, compiled once per wait. */
interface WaitTest {
  /** Whether the message matches; the code is read (which may mean analysing the message) only if all else does. */
  matches(m: StoredMessage): boolean;
  /** One readable reason per filter the message fails (for the near misses a 404 lists). */
  reasons(m: StoredMessage): string[];
}

function compileWaitTest(query: WaitQuery, texts: MessageTexts): WaitTest {
  const to = query.to === undefined ? undefined : recipientKey(query.to);
  const contains = query.contains?.toLowerCase();
  const channelFails = (m: StoredMessage) => query.channel !== undefined && m.channel !== query.channel;
  const toFails = (m: StoredMessage) => to !== undefined && !texts.recipientKeys(m).includes(to);
  const containsFails = (m: StoredMessage) => contains !== undefined && !texts.searchable(m).includes(contains);
  const otpFails = (m: StoredMessage) => query.otp === true && !withAnalysis(m).otp;
  return {
    matches: (m) => !channelFails(m) && !toFails(m) && !containsFails(m) && !otpFails(m),
    reasons(m) {
      const reasons: string[] = [];
      if (channelFails(m)) reasons.push(`channel is ${m.channel}, not ${query.channel}`);
      if (toFails(m)) reasons.push(`to is ${m.to.join(', ') || '(nobody)'}, not ${query.to}`);
      if (containsFails(m)) reasons.push(`does not contain "${query.contains}"`);
      if (otpFails(m)) reasons.push('has no one-time code');
      return reasons;
    },
  };
}

/** Subject, text, the HTML's text, and the body when it is not the HTML itself (tags are not text). */
function searchableText(m: StoredMessage): string {
  const parts = [m.subject, m.text, m.html === null ? null : htmlToText(m.html), m.body === m.html ? null : m.body];
  return parts.filter((p) => p !== null).join('\n');
}

function nearMiss(m: StoredMessage, reasons: string[]): NearMiss {
  const source = m.text ?? (m.html === null ? m.body : htmlToText(m.html));
  const flat = source.replace(/\s+/g, ' ').trim();
  const preview = flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  return { id: m.id, seq: m.seq, channel: m.channel, to: m.to, subject: m.subject, preview, reasons };
}
