import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Answers an upgrade request that will not become a websocket with a plain HTTP response (a problem, as the
 * control API's errors are) and closes the connection: the socket has left the HTTP server, so nobody else will.
 */
export function refuseUpgrade(socket: Duplex, status: number, title: string, detail: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
