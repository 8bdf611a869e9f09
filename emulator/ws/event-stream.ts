import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EmulatorEvent, EventBus } from '../events.js';
import { isAllowedHost } from '../http/host-check.js';
import { recipientKey } from '../store/recipient-key.js';
import type { Message } from '../store/message.js';
import { messageSummary } from '../store/message-summary.js';
import type { Store } from '../store/store.js';
import { isAllowedOrigin } from './is-allowed-origin.js';
import { refuseUpgrade } from './refuse-upgrade.js';
import { serveAsHttp } from './serve-as-http.js';
import { filterKey, messageOf, parseStreamFilter, type StreamFilter } from './stream-filter.js';

export const eventsPath = '/_emulator/events';

export interface EventStreamDeps {
  events: EventBus;
  store: Pick<Store, 'announcedCursor'>;
  version: string;
  /** The `--allow-host` names: the upgrade follows the HTTP Host rule, and an Origin on them is not foreign. */
  allowedHosts: string[];
  /** The `--cors` origin, also allowed to open the stream. */
  cors: string | null;
  /** A client whose unsent data passes this many bytes is dropped (it stopped reading). Default 4 MiB. */
  maxBufferedBytes?: number;
  /** Ping period; a client that has not answered the previous ping by the next one is dropped. Default 30 s; 0 = off. */
  heartbeatMs?: number;
  /** Clients beyond this many are refused with 503 before the upgrade. Default 1,000. */
  maxClients?: number;
  log?: (line: string) => void;
}

export interface EventStream {
  clientCount(): number;
  /** Drops every client at once (fast shutdown) and refuses new ones. */
  close(): void;
}

interface Client {
  ws: WebSocket;
  alive: boolean;
}

interface Group {
  filter: StreamFilter;
  clients: Set<Client>;
}

/**
 * `WS /_emulator/events` (product §4) on the HTTP server: a `hello` with the cursor, then every bus event as
 * `{type, data, cursor}`, in order. The websocket is a doorbell; REST is the record. The bus is listened to only
 * while a client is connected, and each event is serialised once, however many clients hear it.
 */
export function attachEventStream(server: Server, deps: EventStreamDeps): EventStream {
  const maxBuffered = deps.maxBufferedBytes ?? 4 * 1024 * 1024;
  const heartbeatMs = deps.heartbeatMs ?? 30_000;
  const maxClients = deps.maxClients ?? 1000;
  const log = deps.log ?? (() => undefined);
  // Clients send nothing we need; a small limit keeps a hostile one from making us buffer.
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 4096 });
  const groups = new Map<string, Group>();
  let clients = 0;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  function broadcast(event: EmulatorEvent): void {
    const message = messageOf(event.data);
    let recipients: Set<string> | undefined;
    let frame: Buffer | undefined;
    for (const group of groups.values()) {
      if (message) {
        const { channel, to } = group.filter;
        if (channel !== undefined && message.channel !== channel) continue;
        if (to !== undefined && !(recipients ??= recipientSet(message.to)).has(to)) continue;
      }
      frame ??= Buffer.from(JSON.stringify(message ? withSummary(event) : event));
      for (const client of group.clients) send(client, frame);
    }
  }

  function send(client: Client, frame: Buffer): void {
    if (client.ws.readyState !== client.ws.OPEN) return;
    client.ws.send(frame, { binary: false });
    // A client that does not read makes the socket buffer grow without end; drop it rather than hold its backlog.
    if (client.ws.bufferedAmount > maxBuffered) {
      log(`event stream: dropped a client that stopped reading (${client.ws.bufferedAmount} bytes unsent)`);
      client.ws.terminate();
    }
  }

  function beat(): void {
    for (const group of groups.values()) {
      for (const client of group.clients) {
        if (!client.alive) {
          client.ws.terminate();
          continue;
        }
        client.alive = false;
        client.ws.ping();
      }
    }
  }

  function add(ws: WebSocket, filter: StreamFilter): void {
    if (closed) return void ws.terminate();
    const key = filterKey(filter);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { filter, clients: new Set() }));
    const client: Client = { ws, alive: true };
    group.clients.add(client);
    clients++;
    if (!unsubscribe) unsubscribe = deps.events.subscribe(broadcast);
    if (!heartbeat && heartbeatMs > 0) {
      heartbeat = setInterval(beat, heartbeatMs);
      heartbeat.unref();
    }
    ws.on('pong', () => (client.alive = true));
    ws.on('error', (err) => log(`event stream: client error: ${err.message}`));
    ws.once('close', () => {
      group.clients.delete(client);
      if (group.clients.size === 0 && groups.get(key) === group) groups.delete(key);
      clients--;
      if (clients === 0) stopListening();
    });
    // The announced cursor: every message above it is still to come on this stream as `message.created`.
    const hello = { type: 'hello', cursor: deps.store.announcedCursor, data: { version: deps.version, filter } };
    send(client, Buffer.from(JSON.stringify(hello)));
  }

  function stopListening(): void {
    unsubscribe?.();
    unsubscribe = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node gives every request with `Connection: Upgrade` to this listener (curl --http2 sends `Upgrade: h2c` with
    // each first request): one that does not ask for a websocket is served as the plain HTTP request it also is.
    if (!asksForWebsocket(req)) return serveAsHttp(server, req, socket, head);
    // Until ws owns it, a reset from the peer would otherwise be an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request', 'The request target is not a valid URL.');
    }
    if (url.pathname !== eventsPath) {
      return refuseUpgrade(socket, 404, 'Not Found', `No websocket at ${url.pathname}; the event stream is ${eventsPath}.`);
    }
    const host = req.headers.host;
    if (host && !isAllowedHost(host, deps.allowedHosts)) {
      return refuseUpgrade(socket, 403, 'Host not allowed', `The Host "${host}" is not a loopback name or an --allow-host name.`);
    }
    if (!isAllowedOrigin(req.headers.origin, deps)) {
      return refuseUpgrade(socket, 403, 'Origin not allowed', `Pages from ${req.headers.origin} may not open the event stream.`);
    }
    const filter = parseStreamFilter(url.searchParams);
    if ('error' in filter) return refuseUpgrade(socket, 400, 'Invalid query parameter', filter.error);
    if (closed) return refuseUpgrade(socket, 503, 'Service Unavailable', 'The emulator is shutting down.');
    // Each client costs a socket and its backlog; a leak in a test suite should meet a clear error, not exhaust us.
    if (clients >= maxClients) {
      return refuseUpgrade(socket, 503, 'Too many event clients', `The event stream already has ${clients} clients (at most ${maxClients}).`);
    }
    // ws checks the handshake itself (method, Upgrade, key, version) and answers 400 when it is wrong.
    wss.handleUpgrade(req, socket, head, (ws) => add(ws, filter));
  }

  server.on('upgrade', onUpgrade);
  return {
    clientCount: () => clients,
    close() {
      if (closed) return;
      closed = true; // the upgrade listener stays, to answer 503 until the server itself has closed
      for (const group of groups.values()) for (const client of group.clients) client.ws.terminate();
      stopListening();
      wss.close();
    },
  };
}

function asksForWebsocket(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').split(',').some((protocol) => protocol.trim().toLowerCase() === 'websocket');
}

function recipientSet(to: string[]): Set<string> {
  return new Set(to.map((r) => recipientKey(r)));
}

/** A doorbell carries no mail bodies: the message as the list shows it (REST has the whole one). */
function withSummary(event: EmulatorEvent): EmulatorEvent {
  const data = event.data as { message: Message };
  return { ...event, data: { ...data, message: messageSummary(data.message) } } as EmulatorEvent;
}
