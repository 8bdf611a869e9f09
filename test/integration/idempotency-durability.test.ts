import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { createClock } from '../../emulator/clock.js';
import { createDelivery } from '../../emulator/delivery/delivery.js';
import { createScheduler } from '../../emulator/delivery/scheduler.js';
import { createEventBus } from '../../emulator/events.js';
import { createApp, resolveOptions } from '../../emulator/index.js';
import { createMemoryPersistence } from '../../emulator/store/persistence/memory-persistence.js';
import type { Persistence } from '../../emulator/store/persistence/persistence.js';
import { createStore } from '../../emulator/store/store.js';
import { applyMutation, emptyStoreState, type StoreMutation, type StoreState } from '../../emulator/store/store-state.js';
import { request, smsBody, smsPath } from '../support/emulator.js';

/**
 * A persistence whose journal writes complete only when the test says so: the state changes at once (as in the real
 * one), the "write" is held open.
 */
function heldPersistence() {
  const inner = createMemoryPersistence<StoreState, StoreMutation>({ empty: emptyStoreState, apply: applyMutation });
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let firstCommit!: () => void;
  const committing = new Promise<void>((done) => (firstCommit = done));
  const persistence: Persistence<StoreState, StoreMutation> = {
    open: () => inner.open(),
    close: () => inner.close(),
    get state() {
      return inner.state;
    },
    async commit(mutations) {
      await inner.commit(mutations);
      firstCommit();
      await released;
    },
  };
  return { persistence, release, committing };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(persistence: Persistence<StoreState, StoreMutation>) {
  const clock = createClock();
  const events = createEventBus();
  const store = createStore({ persistence, events, maxMessages: 0, now: () => clock.now() });
  await store.open();
  let url = '';
  const options = resolveOptions({ inMemory: true });
  const scheduler = createScheduler({ clock });
  const app = createApp({
    options,
    store,
    delivery: createDelivery({ store, clock, scheduler, ...options }),
    clock,
    scheduler,
    baseUrl: () => url,
    version: 'test',
    startedAt: Date.now(),
    log: () => undefined,
    events,
  });
  const server = createServer(app.callback());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise((done) => server.close(() => done())));
  return { url };
}

it('answers a concurrent replay only once the first order is durable, with the same ids', async () => {
  const held = heldPersistence();
  closers.push(async () => held.release()); // a failing run must not leave the first request hanging
  const emu = await serve(held.persistence);
  const body = smsBody();

  const first = request(emu, 'POST', smsPath, body);
  await held.committing; // the first order is in memory, its journal write is held open
  let replayAnswered = false;
  const replay = request(emu, 'POST', smsPath, body).then((res) => {
    replayAnswered = true;
    return res;
  });
  // A negative can only be observed over some time. Without the in-flight guard the replay finds the idempotency
  // record in memory and answers 200 within a few milliseconds, for an order that is not yet durable; with it, the
  // replay waits for the write however long this is.
  await Promise.race([replay, delay(300)]);
  expect(replayAnswered, 'a 200 for an order whose journal write has not completed').toBe(false);

  held.release();
  const [created, replayed] = await Promise.all([first, replay]);
  expect(created.status).toBe(201);
  expect(replayed.status).toBe(200);
  expect(replayed.json).toEqual(created.json);
});
