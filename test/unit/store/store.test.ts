import { describe, expect, it } from 'vitest';
import { createEventBus, type EmulatorEvent } from '../../../emulator/events.js';
import type { MessageDraft } from '../../../emulator/store/message.js';
import { createMemoryPersistence } from '../../../emulator/store/persistence/memory-persistence.js';
import { createStore } from '../../../emulator/store/store.js';
import { applyMutation, emptyStoreState, migrateStoreState } from '../../../emulator/store/store-state.js';
import { messageDraft } from '../../support/stored-message.js';

function draft(to: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  return messageDraft(to, overrides);
}

/** A draft of an API message with its order, as the instant routes store it. */
function orderDraft(idempotencyId: string, createdAt = '2026-01-01T00:00:00.000Z'): MessageDraft {
  const order = {
    notificationOrderId: `order-${idempotencyId}`,
    shipmentId: `ship-${idempotencyId}`,
    idempotencyId,
    sendersReference: null,
    org: 'ttd',
    status: 'Order_Processed',
    statusHistory: [{ status: 'Order_Processed', at: createdAt }],
    route: 'sms',
    timeToLiveInSeconds: 300,
  };
  return draft('+4799999999', { order, createdAt, updatedAt: createdAt });
}

async function openStore(maxMessages = 0) {
  const events = createEventBus();
  const seen: EmulatorEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const persistence = createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation });
  const store = createStore({ persistence, events, maxMessages, now: () => new Date('2026-01-01T00:00:00Z') });
  await store.open();
  return { store, seen };
}

describe('the store', () => {
  it('numbers messages with a strictly increasing seq and announces each after it is stored', async () => {
    const { store, seen } = await openStore();
    const a = await store.insertMessage(draft('+4799999999'));
    const b = await store.insertMessage(draft('user@example.com'));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(store.cursor).toBe(2);
    expect(seen.map((e) => [e.type, e.cursor])).toEqual([
      ['message.created', 1],
      ['message.created', 2],
    ]);
  });

  it('lists newest first and matches recipients normalised', async () => {
    const { store } = await openStore();
    await store.insertMessage(draft('0047 999 99 999'));
    await store.insertMessage(draft('User@Example.com'));
    await store.insertMessage(draft('+4741234567'));
    expect(store.listMessages({}, 10).map((m) => m.seq)).toEqual([3, 2, 1]);
    expect(store.listMessages({ to: '+4799999999' }, 10).map((m) => m.seq)).toEqual([1]);
    expect(store.listMessages({ to: '99999999' }, 10).map((m) => m.seq)).toEqual([1]);
    expect(store.listMessages({ to: ' user@EXAMPLE.com ' }, 10).map((m) => m.seq)).toEqual([2]);
    expect(store.listMessages({ after: 1, before: 3 }, 10).map((m) => m.seq)).toEqual([2]);
    expect(store.listMessages({ channel: 'sms' }, 1).map((m) => m.seq)).toEqual([3]);
  });

  it('prunes the oldest messages beyond maxMessages and keeps their idempotency records', async () => {
    const { store, seen } = await openStore(2);
    for (const id of ['a', 'b', 'c']) await store.insertMessage(orderDraft(id), { fingerprint: 'fingerprint' });
    expect(store.listMessages({}, 10).map((m) => m.seq)).toEqual([3, 2]);
    expect(store.findIdempotency('ttd', 'a')?.notificationOrderId).toBe('order-a');
    expect(seen.filter((e) => e.type === 'messages.deleted')).toHaveLength(1);
  });

  it('keeps the cursor through a reset while everything else empties', async () => {
    const { store } = await openStore();
    await store.insertMessage(draft('+4799999999'));
    await store.reset();
    expect(store.counts()).toEqual({ messages: 0, sms: 0, email: 0 });
    expect(store.cursor).toBe(1);
    expect((await store.insertMessage(draft('+4799999999'))).seq).toBe(2);
  });

  it('does not resolve inherited property names as ids or idempotency keys', async () => {
    const { store } = await openStore();
    expect(store.getMessage('__proto__')).toBeNull();
    expect(store.getMessage('constructor')).toBeNull();
    expect(store.findIdempotency('ttd', 'toString')).toBeNull();
  });

  it('migrates an unversioned snapshot whose messages were an array', () => {
    const state = migrateStoreState({ seq: 1, messages: [{ id: 'm1', seq: 1 }] });
    expect(state.schemaVersion).toBe(1);
    expect(Object.keys(state.messages)).toEqual(['m1']);
    expect(state.feed).toEqual([]);
  });
});

describe('the store under retention', () => {
  it('keeps the feed bounded by maxMessages, trimming in batches', async () => {
    const events = createEventBus();
    const persistence = createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation });
    const store = createStore({ persistence, events, maxMessages: 10, now: () => new Date('2026-01-01T00:00:00Z') });
    await store.open();
    const entry = { org: 'ttd', shipmentId: 's', sendersReference: null, status: 'Order_Completed', lastUpdate: 'x', shipmentType: 'Instant', recipients: [] };
    for (let i = 1; i <= 1012; i++) await persistence.commit([{ op: 'feed.append', entry: { ...entry, sequenceNumber: i } }]);
    await store.insertMessage(draft('+4799999999'));
    const all = store.feed({ org: 'ttd', seq: 0, pageSize: 2000, orderBy: 'Asc' });
    expect(all).toHaveLength(10);
    expect(all[0].sequenceNumber).toBe(1003);
  });

  it('forgets idempotency records 48 hours after their order once their message is gone', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const events = createEventBus();
    const persistence = createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation });
    const store = createStore({ persistence, events, maxMessages: 1, now: () => now });
    await store.open();
    await store.insertMessage(orderDraft('old', now.toISOString()), { fingerprint: 'f' });
    await store.insertMessage(orderDraft('newer', now.toISOString()), { fingerprint: 'f' }); // prunes the first message
    expect(store.findIdempotency('ttd', 'old')).not.toBeNull();
    now = new Date('2026-01-03T00:00:01Z');
    await store.insertMessage(orderDraft('latest', now.toISOString()), { fingerprint: 'f' }); // prunes "newer"
    expect(store.findIdempotency('ttd', 'old')).toBeNull();
    expect(store.findIdempotency('ttd', 'newer')).toBeNull();
    expect(store.findIdempotency('ttd', 'latest')).not.toBeNull();
  });

  it('keeps the idempotency record of a message that is still stored, however old, and sweeps it once it goes', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const events = createEventBus();
    const persistence = createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation });
    const store = createStore({ persistence, events, maxMessages: 2, now: () => now });
    await store.open();
    await store.insertMessage(orderDraft('first', now.toISOString()), { fingerprint: 'f' });
    now = new Date('2026-01-04T00:00:00Z');
    await store.insertMessage(orderDraft('second', now.toISOString()), { fingerprint: 'f' }); // nothing pruned: both kept
    expect(store.findIdempotency('ttd', 'first')).not.toBeNull();
    await store.insertMessage(orderDraft('third', now.toISOString()), { fingerprint: 'f' }); // prunes "first", 3 days old
    await store.insertMessage(orderDraft('fourth', now.toISOString()), { fingerprint: 'f' });
    expect(store.findIdempotency('ttd', 'first')).toBeNull();
    expect(store.findIdempotency('ttd', 'second')).not.toBeNull();
  });
});
