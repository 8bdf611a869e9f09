import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Gives an upgrade request that we do not take back to the HTTP server as an ordinary request (a server may ignore
 * `Upgrade`, RFC 9110 §7.8). Node has already parsed its head and stopped reading, so the head is written out again
 * without `Upgrade` and put back before what followed it (`head`: its body, pipelined requests), and the socket is
 * handed to the server as a new connection: Node then reads the body, answers, keeps the connection alive and times
 * it out exactly as it does any other.
 */
export function serveAsHttp(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== 'upgrade') lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  // Until the server owns it again, a reset from the peer would otherwise be an unhandled 'error'.
  const onError = () => socket.destroy();
  socket.on('error', onError);
  const replay = () => {
    socket.off('error', onError);
    if (socket.destroyed) return;
    socket.unshift(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]));
    server.emit('connection', socket);
  };
  // A request pipelined behind one still being answered: Node's own (internal) record of the response that holds
  // the socket. Starting over before it has finished would leave our answer queued behind it for good.
  const previous = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (previous && !previous.writableFinished) previous.once('finish', replay);
  else replay();
}
