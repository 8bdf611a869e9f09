import type { Socket } from 'node:net';

export interface SmtpReply {
  code: number;
  /** Every line of the reply, without CRLF. */
  lines: string[];
}

export interface SmtpReplies {
  /** The next complete reply (multi-line replies `250-...` are collected until the `250 ` line). */
  next(): Promise<SmtpReply>;
}

/**
 * Reads SMTP replies off a socket in order. A reply that arrives before anyone asks is queued; when the socket
 * ends or fails, every pending and later `next()` rejects with that reason.
 */
export function smtpReplies(socket: Socket): SmtpReplies {
  const ready: SmtpReply[] = [];
  const waiting: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | null = null;
  let buffered = '';
  let lines: string[] = [];

  const deliver = (reply: SmtpReply): void => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(reply);
    else ready.push(reply);
  };
  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(failure);
  };

  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      lines.push(line);
      // The last line of a reply has a space (or nothing) after the code; continuation lines have a hyphen.
      if (line.length === 3 || line[3] === ' ') {
        deliver({ code: Number(line.slice(0, 3)), lines });
        lines = [];
      }
    }
  });
  socket.on('error', (error) => fail(error));
  socket.on('close', () => fail(new Error('connection closed')));

  return {
    next() {
      const reply = ready.shift();
      if (reply) return Promise.resolve(reply);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}
