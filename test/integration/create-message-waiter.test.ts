import { describe, expect, it } from 'vitest';
import { createMessageWaiter } from '../../emulator/control/create-message-waiter.js';
import type { MessageDraft, StoredMessage } from '../../emulator/store/message.js';
import { createMemoryPersistence } from '../../emulator/store/persistence/memory-persistence.js';
import { createStore, type Store } from '../../emulator/store/store.js';
import { applyMutation, emptyStoreState } from '../../emulator/store/store-state.js';
import { countingBus } from '../support/counting-bus.js';
import { messageDraft } from '../support/stored-message.js';

// The waiting primitive on its own, against a real in-memory store and bus (the route is in wait.test.ts).

function draft(to: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  const email = to.includes('@');
  return messageDraft(to, { from: 'Altinn', subject: email ? 'Hello' : null, body: 'Nothing to see', text: 'Nothing to see', statusHistory: [], ...overrides });
}

/**
 * A store and a bus that counts its listeners (so a test can see that nobody listens once no wait is pending). While
 * `holdWrites()` is in force, journal writes do not complete: a message is then in memory but not durable.
 */
async function setUp() {
  const { events, listeners } = countingBus();
  const memory = createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation });
  let held: Promise<void> | null = null;
  const persistence: typeof memory = {
    open: () => memory.open(),
    commit: (mutations) => {
      const written = memory.commit(mutations);
      return held ? Promise.all([written, held]).then(() => undefined) : written;
    },
    get state() {
      return memory.state;
    },
    close: () => memory.close(),
  };
  const store = createStore({ persistence, events, maxMessages: 0, now: () => new Date('2026-01-01T00:00:00Z') });
  await store.open();
  const holdWrites = () => {
    let release!: () => void;
    held = new Promise<void>((done) => (release = done));
    return () => {
      held = null;
      release();
    };
  };
  return { store, events, listeners, holdWrites };
}

describe('waiting for a message', () => {
  it('catches a message announced after it subscribed and before its look-up saw it (listen first, then look)', async () => {
    const { store, events } = await setUp();
    await store.insertMessage(draft('+4711111111'));
    // The real look-up is synchronous, so nothing can be announced while it runs; this store stands in for one that
    // yields: the look-up reads the announced cursor and its snapshot, then the message is announced before the
    // look-up returns. Only a waiter that was already listening hears it. (Subscribing after the look-up times out.)
    const late: StoredMessage = { ...draft('+4799999999', { body: 'Kode 4321' }), seq: 2 };
    let announced = false;
    const racing: Pick<Store, 'announcedCursor' | 'listMessages' | 'getMessage'> = {
      get announcedCursor() {
        return announced ? late.seq : store.announcedCursor;
      },
      getMessage: (id) => store.getMessage(id),
      listMessages(filter, limit) {
        const snapshot = store.listMessages(filter, limit);
        if (!announced) {
          announced = true;
          events.emit('message.created', { message: late }, late.seq);
        }
        return snapshot;
      },
    };
    const waiter = createMessageWaiter({ store: racing, events });
    const outcome = await waiter.wait({ after: 1, to: '+47 999 99 999' }, { timeoutMs: 2000 });
    expect(outcome).toEqual({ matched: true, message: late });
    expect(waiter.count).toBe(0);
  });

  it('does not answer with a message that is in memory but not yet written, and answers once it is', async () => {
    const { store, events, listeners, holdWrites } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const release = holdWrites();
    const inserting = store.insertMessage(draft('+4799999999'));
    expect([store.cursor, store.announcedCursor]).toEqual([1, 0]);
    // Looking once sees nothing durable, and its cursor is the announced one, so waiting after it still finds #1.
    expect(await waiter.wait({ after: 0, to: '+4799999999' }, { timeoutMs: 0 })).toEqual({ matched: false, nearMisses: [], nearMissesOmitted: 0, cursor: 0 });
    const waiting = waiter.wait({ after: 0, to: '+4799999999' }, { timeoutMs: 5000 }).then((outcome) => ({ outcome, durable: store.announcedCursor }));
    expect(waiter.count).toBe(1);
    release();
    const { outcome, durable } = await waiting;
    expect(outcome.matched && outcome.message.seq).toBe(1);
    expect(durable).toBe(1);
    await inserting;
    expect(waiter.count).toBe(0);
    expect(listeners()).toBe(0);
  });

  it('reads a 200,000-character HTML body of "<" in linear time', async () => {
    const { store, events } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const html = '<'.repeat(200_000);
    await store.insertMessage(draft('user@example.com', { contentType: 'Html', body: html, text: null, html }));
    const started = Date.now();
    const outcome = await waiter.wait({ after: 0, contains: 'kode' }, { timeoutMs: 0 });
    // The former quadratic tag pattern took 45 s here; a generous bound that only a linear pass meets.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome.matched).toBe(false);
    if (!outcome.matched) expect(outcome.nearMisses[0].reasons).toEqual(['does not contain "kode"']);
  });

  it('answers with the first match after the cursor, not the newest', async () => {
    const { store, events } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    await store.insertMessage(draft('+4799999999', { body: 'first' }));
    await store.insertMessage(draft('+4799999999', { body: 'second' }));
    await store.insertMessage(draft('+4799999999', { body: 'third' }));
    const outcome = await waiter.wait({ after: 1 }, { timeoutMs: 0 });
    expect(outcome.matched && outcome.message.body).toBe('second');
  });

  it('waits for a message that arrives later, skipping those that do not match', async () => {
    const { store, events, listeners } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const waiting = waiter.wait({ after: store.cursor, channel: 'email', contains: 'KODE' }, { timeoutMs: 5000 });
    expect(waiter.count).toBe(1);
    expect(listeners()).toBe(1);
    await store.insertMessage(draft('+4799999999', { body: 'kode 1', text: 'kode 1' }));
    await store.insertMessage(draft('user@example.com'));
    const match = await store.insertMessage(draft('user@example.com', { subject: 'Din kode' }));
    expect(await waiting).toEqual({ matched: true, message: match });
    expect(listeners()).toBe(0);
  });

  it('keeps waiting through deletions and a reset', async () => {
    const { store, events } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    await store.insertMessage(draft('+4711111111'));
    let settled = false;
    const waiting = waiter.wait({ after: store.cursor, to: '+4799999999' }, { timeoutMs: 5000 }).finally(() => (settled = true));
    await store.deleteMessages({});
    await store.insertMessage(draft('+4711111111'));
    await store.reset();
    expect(settled).toBe(false);
    expect(waiter.count).toBe(1);
    const match = await store.insertMessage(draft('+4799999999'));
    expect(await waiting).toEqual({ matched: true, message: match });
  });

  it('finds text in the subject, the text and the HTML text, case-insensitively, but not in tags', async () => {
    const { store, events } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const html = '<html><head><style>.kode{}</style></head><body><p class="x">Din <b>KODE</b> er&nbsp;4321 &amp; mer</p></body></html>';
    const m = await store.insertMessage(draft('user@example.com', { subject: 'Velkommen', contentType: 'Html', body: html, text: null, html }));
    const found = (contains: string) => waiter.wait({ after: 0, contains }, { timeoutMs: 0 }).then((o) => o.matched);
    expect(await found('din kode er 4321 & mer')).toBe(true);
    expect(await found('velkommen')).toBe(true);
    expect(await found('class')).toBe(false);
    expect(await found('.kode{}')).toBe(false);
    expect(await found('<b>')).toBe(false);
    const plain = await store.insertMessage(draft('user@example.com', { body: 'raw body', text: 'Plain TEXT part' }));
    expect(await found('plain text')).toBe(true);
    expect(await found('raw body')).toBe(true);
    expect([m.seq, plain.seq]).toEqual([1, 2]);
  });

  it('matches otp=true only for messages with a one-time code', async () => {
    const { store, events } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    await store.insertMessage(draft('+4799999999'));
    const withCode = await store.insertMessage(draft('+4799999999', { otp: { code: '123456', candidates: ['123456'] } }));
    const outcome = await waiter.wait({ after: 0, otp: true }, { timeoutMs: 0 });
    expect(outcome).toEqual({ matched: true, message: withCode });
  });

  it('gives up with the near misses, oldest first, each with a reason per failed filter', async () => {
    const { store, events } = await setUp();
    const waiter = createMessageWaiter({ store, events, nearMissLimit: 2 });
    await store.insertMessage(draft('+4711111111')); // before the cursor: not a near miss
    const after = store.cursor;
    const sms = await store.insertMessage(draft('+4799999999', { body: 'Hei', text: 'Hei' }));
    const email = await store.insertMessage(draft('user@example.com', { text: `Long ${'text '.repeat(40)}` }));
    await store.insertMessage(draft('+4741234567'));
    const outcome = await waiter.wait({ after, channel: 'email', to: '+4741234567', contains: 'kode', otp: true }, { timeoutMs: 0 });
    expect(outcome.matched).toBe(false);
    if (outcome.matched) return;
    expect(outcome.cursor).toBe(4);
    expect(outcome.nearMissesOmitted).toBe(1);
    expect(outcome.nearMisses).toEqual([
      {
        id: sms.id,
        seq: 2,
        channel: 'sms',
        to: ['+4799999999'],
        subject: null,
        preview: 'Hei',
        reasons: ['channel is sms, not email', 'to is +4799999999, not +4741234567', 'does not contain "kode"', 'has no one-time code'],
      },
      {
        id: email.id,
        seq: 3,
        channel: 'email',
        to: ['user@example.com'],
        subject: 'Hello',
        preview: expect.stringMatching(/^Long text text .{60,}…$/),
        reasons: ['to is user@example.com, not +4741234567', 'does not contain "kode"', 'has no one-time code'],
      },
    ]);
    expect(outcome.nearMisses[1].preview.length).toBe(80);
  });

  it('times out on real time and then stops listening', async () => {
    const { store, events, listeners } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const outcome = await waiter.wait({ after: 0 }, { timeoutMs: 20 });
    expect(outcome).toEqual({ matched: false, nearMisses: [], nearMissesOmitted: 0, cursor: 0 });
    expect(waiter.count).toBe(0);
    expect(listeners()).toBe(0);
  });

  it('releases the wait at once when aborted, rejecting with the reason', async () => {
    const { store, events, listeners } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const hangUp = new AbortController();
    const waiting = waiter.wait({ after: 0 }, { timeoutMs: 60_000, signal: hangUp.signal });
    expect(waiter.count).toBe(1);
    hangUp.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    expect(waiter.count).toBe(0);
    expect(listeners()).toBe(0);
    // Already aborted: refused without registering.
    await expect(waiter.wait({ after: 0 }, { timeoutMs: 60_000, signal: hangUp.signal })).rejects.toThrow('client went away');
    expect(waiter.count).toBe(0);
  });

  it('serves many waits with one bus subscription', async () => {
    const { store, events, listeners } = await setUp();
    const waiter = createMessageWaiter({ store, events });
    const numbers = Array.from({ length: 50 }, (_, i) => `+47400000${String(i).padStart(2, '0')}`);
    const waits = numbers.map((to) => waiter.wait({ after: 0, to }, { timeoutMs: 5000 }));
    expect(waiter.count).toBe(50);
    expect(listeners()).toBe(1);
    for (const to of [...numbers].reverse()) await store.insertMessage(draft(to));
    const outcomes = await Promise.all(waits);
    expect(outcomes.map((o) => o.matched && o.message.to[0])).toEqual(numbers);
    expect(listeners()).toBe(0);
  });
});
