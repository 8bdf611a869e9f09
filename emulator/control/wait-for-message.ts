import type { EmulatorEvent, EventBus } from '../events.js';
import type { Channel, Message } from '../store/message.js';
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
  store: Pick<Store, 'cursor' | 'listMessages' | 'getMessage'>;
  events: EventBus;
  /** Most near misses listed on a timeout (the oldest first). Default 20. */
  nearMissLimit?: number;
}

interface Pending {
  offer(message: Message): void;
}

/**
 * The waiting primitive behind the long-poll (architecture habit 8: listen first, then look). A wait registers
 * for `message.created` BEFORE it reads the store, so a message that lands between the two is seen by one or the
 * other. One bus subscription serves every pending wait, and only while at least one is pending.
 */
export function createMessageWaiter(deps: MessageWaiterDeps): MessageWaiter {
  const { store, events } = deps;
  const nearMissLimit = deps.nearMissLimit ?? 20;
  const pending = new Set<Pending>();
  let unsubscribe: (() => void) | null = null;
  // Normalising a phone number is the costly part of a match; with many waiters, do it once per message.
  const keyCache = new WeakMap<Message, string[]>();
  const recipientKeys = (m: Message) => {
    let keys = keyCache.get(m);
    if (!keys) keyCache.set(m, (keys = m.to.map(recipientKey)));
    return keys;
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

  function nearMisses(query: WaitQuery, test: (m: Message) => string[]) {
    const arrived = store.listMessages({ after: query.after }, Number.MAX_SAFE_INTEGER).reverse();
    const misses: NearMiss[] = [];
    let total = 0;
    for (const m of arrived) {
      const reasons = test(m);
      if (reasons.length === 0) continue;
      total++;
      if (misses.length < nearMissLimit) misses.push(nearMiss(m, reasons));
    }
    return { matched: false as const, nearMisses: misses, nearMissesOmitted: total - misses.length, cursor: store.cursor };
  }

  return {
    get count() {
      return pending.size;
    },

    wait(query, { timeoutMs, signal }) {
      return new Promise<WaitOutcome>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const test = mismatchReasons(query, recipientKeys);
        let looking = true;
        let early = null as Message | null; // a cast, or TS narrows it to null for good
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
        const found = (m: Message) => settle(() => resolve({ matched: true, message: store.getMessage(m.id) ?? m }));
        const onAbort = () => settle(() => reject(signal?.reason));
        const entry: Pending = {
          offer(m) {
            if (m.seq <= query.after || test(m).length > 0) return;
            if (!looking) return found(m);
            // Announced while the store was being read: keep the earliest; the look-up may still find an earlier one.
            if (!early || m.seq < early.seq) early = m;
          },
        };

        add(entry); // first listen ...
        try {
          const stored = firstStoredMatch(query, test); // ... then look
          looking = false;
          const first = stored && (!early || stored.seq < early.seq) ? stored : early;
          if (first) return found(first);
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

  function firstStoredMatch(query: WaitQuery, test: (m: Message) => string[]): Message | null {
    // The store narrows by cursor, channel and recipient; text and code are checked here. Newest first, so walk back.
    const candidates = store.listMessages({ after: query.after, channel: query.channel, to: query.to }, Number.MAX_SAFE_INTEGER);
    for (let i = candidates.length - 1; i >= 0; i--) if (test(candidates[i]).length === 0) return candidates[i];
    return null;
  }
}

/** One readable reason per filter the message fails; none means it matches. Compiled once per wait. */
function mismatchReasons(query: WaitQuery, recipientKeys: (m: Message) => string[]): (m: Message) => string[] {
  const to = query.to === undefined ? undefined : recipientKey(query.to);
  const contains = query.contains?.toLowerCase();
  return (m) => {
    const reasons: string[] = [];
    if (query.channel !== undefined && m.channel !== query.channel) reasons.push(`channel is ${m.channel}, not ${query.channel}`);
    if (to !== undefined && !recipientKeys(m).includes(to)) reasons.push(`to is ${m.to.join(', ') || '(nobody)'}, not ${query.to}`);
    if (contains !== undefined && !searchableText(m).toLowerCase().includes(contains)) reasons.push(`does not contain "${query.contains}"`);
    if (query.otp && !m.otp) reasons.push('has no one-time code');
    return reasons;
  };
}

/** Subject, text, the HTML's text, and the body when it is not the HTML itself (tags are not text). */
function searchableText(m: Message): string {
  const parts = [m.subject, m.text, m.html === null ? null : htmlText(m.html), m.body === m.html ? null : m.body];
  return parts.filter((p) => p !== null).join('\n');
}

function nearMiss(m: Message, reasons: string[]): NearMiss {
  const source = m.text ?? (m.html === null ? m.body : htmlText(m.html));
  const flat = source.replace(/\s+/g, ' ').trim();
  const preview = flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  return { id: m.id, seq: m.seq, channel: m.channel, to: m.to, subject: m.subject, preview, reasons };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The visible text of an HTML body, roughly: enough to search in and to preview, not a renderer. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return entities[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}
