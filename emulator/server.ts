import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createApp } from './app.js';
import { createClock } from './clock.js';
import { createDelivery } from './delivery/delivery.js';
import { createScheduler } from './delivery/scheduler.js';
import { createEventBus, type EventBus } from './events.js';
import { resolveOptions, type EmulatorOptions } from './options.js';
import { createLineWriter } from './line-writer.js';
import { isValidMobileNumber } from './notifications/validate/is-valid-mobile-number.js';
import { createFilePersistence } from './store/persistence/file-persistence.js';
import { createMemoryPersistence } from './store/persistence/memory-persistence.js';
import type { Persistence } from './store/persistence/persistence.js';
import { lockDataFolder } from './store/lock-data-folder.js';
import { createStore, type Store } from './store/store.js';
import { applyMutation, emptyStoreState, migrateStoreState, type StoreMutation, type StoreState } from './store/store-state.js';
import { packageVersion } from './version.js';
import { attachEventStream } from './ws/event-stream.js';
import { startSmtpIngress, type SmtpIngress } from './smtp/smtp-ingress.js';

export interface RunningEmulator {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:5090`. */
  url: string;
  port: number;
  /** The port of the SMTP listener (the one picked when `smtpPort` was 0). */
  smtpPort: number;
  options: EmulatorOptions;
  store: Store;
  events: EventBus;
  /** Closes listeners (destroying open sockets), flushes the store and writes its snapshot. Idempotent. */
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Starts an emulator. In-process defaults differ from the CLI's: port 0 (a free port) and an in-memory store,
 * so that tests can run several side by side.
 */
export async function startEmulator(partial: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const options = resolveOptions({ port: 0, inMemory: true, smtpPort: 0, ...partial });
  const startedAt = Date.now();
  const lines = options.log ? createLineWriter(process.stdout) : null;
  const log = lines ?? (() => undefined);
  const warn = (line: string) => console.warn(`warning: ${line}`);
  const clock = createClock({ onListenerError: (error) => warn(`a clock listener failed: ${String(error)}`) });
  const events = createEventBus({ onListenerError: (error) => warn(`an event listener failed: ${error instanceof Error ? error.message : String(error)}`) });
  const unlock = options.inMemory ? async () => undefined : await lockDataFolder(dirname(resolve(options.data)));
  const persistence: Persistence<StoreState, StoreMutation> = options.inMemory
    ? createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation, migrate: migrateStoreState, log: warn })
    : createFilePersistence(resolve(options.data), { empty: emptyStoreState, apply: applyMutation, migrate: migrateStoreState, log: warn });
  const store = createStore({ persistence, events, maxMessages: options.maxMessages, now: () => clock.now() });
  try {
    await store.open();
  } catch (err) {
    await unlock();
    throw err;
  }
  // The emulator's time resumes where it was (a restart in the middle of a TTL ends as if there had been none), and
  // each change is persisted (and announced as `clock.changed`) before the scheduler fires what fell due.
  clock.restore(store.clockSetting());
  clock.onChange(() => {
    store.setClock(clock.setting(), clock.view()).catch((error: unknown) => warn(`the clock could not be saved: ${String(error)}`));
  });
  const scheduler = createScheduler({ clock, onError: (error) => warn(`a delivery step failed: ${String(error)}`) });
  const delivery = createDelivery({
    store,
    clock,
    scheduler,
    deliveryDelayMs: options.deliveryDelayMs,
    sweepOffsetMs: options.sweepOffsetMs,
    operatorExpiryReports: options.operatorExpiryReports,
  });
  // Pending transitions are rebuilt from the store: what fell due while the emulator was down happens now.
  await delivery.resume();

  if (!loopbackHosts.has(options.host)) {
    warn(`listening on ${options.host}, not loopback: anyone who can reach it can read one-time codes.`);
  }
  let url = '';
  const app = createApp({
    options,
    store,
    delivery,
    clock,
    scheduler,
    baseUrl: () => options.baseUrl ?? url,
    version: packageVersion(),
    startedAt,
    log,
    events,
    eventClients: () => eventStream.clientCount(),
  });
  const server = createServer(app.callback());
  const sockets = trackSockets(server);
  // `WS /_emulator/events` shares the HTTP port; a websocket anywhere else is refused with an HTTP error, and an
  // upgrade to something else (h2c) is served as plain HTTP.
  const eventStream = attachEventStream(server, {
    events,
    store,
    version: packageVersion(),
    allowedHosts: options.allowedHosts,
    cors: options.cors,
    log,
  });
  try {
    await listen(server, options.port, options.host);
  } catch (err) {
    await store.close();
    await unlock();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  let smtp: SmtpIngress;
  try {
    smtp = await startSmtpIngress({
      host: options.host,
      port: options.smtpPort,
      maxSize: options.smtpMaxSize,
      cert: options.smtpCert,
      key: options.smtpKey,
      store,
      now: () => clock.now(),
      log,
    });
  } catch (err) {
    eventStream.close();
    const closed = new Promise<void>((done) => server.close(() => done()));
    for (const socket of sockets) socket.destroy();
    await closed;
    await store.close();
    await unlock();
    throw err;
  }
  // Load the phone-number metadata now that the server is up, rather than on the first order or before listening.
  setImmediate(() => isValidMobileNumber('+4799999999'));
  url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    smtpPort: smtp.port,
    options,
    store,
    events,
    close() {
      closing ??= (async () => {
        eventStream.close();
        const closed = new Promise<void>((done) => server.close(() => done()));
        for (const socket of sockets) socket.destroy();
        // Both listeners stop before the store closes: a mail still being stored finishes first.
        await Promise.all([closed, smtp.close()]);
        scheduler.close();
        await store.close();
        await unlock();
        lines?.flush();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}
