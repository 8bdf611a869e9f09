import { connect } from 'node:net';
import { smtpReplies } from './smtp-replies.js';

/**
 * One readiness probe of an SMTP server: true when it greets with 220 (then QUIT), false when it refuses the
 * connection, greets otherwise or stays silent for `timeoutMs`.
 */
export function smtpGreets(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ready: boolean): void => {
      clearTimeout(timer);
      // A polite QUIT when it greeted, so that the server sees an orderly end rather than a reset.
      if (ready) socket.end('QUIT\r\n');
      else socket.destroy();
      resolve(ready);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    smtpReplies(socket)
      .next()
      .then(
        (reply) => done(reply.code === 220),
        () => done(false),
      );
  });
}
