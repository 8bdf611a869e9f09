import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { percentile } from './percentile.js';
import { smtpMail } from './smtp-mail.js';
import { smtpReplies, type SmtpReplies } from './smtp-replies.js';

export interface SmtpLoadOptions {
  host: string;
  port: number;
  /** Sessions open at once; each sends its mails back to back. */
  connections: number;
  /** Mails in all, shared out as the sessions ask for the next one. */
  mails: number;
  /** Makes Message-IDs unique per run. */
  tag: string;
  /** Give up on a reply after this long (the session counts an error and ends). */
  replyTimeoutMs?: number;
}

export interface SmtpLoadResult {
  mails: number;
  /** Mails answered 250 after the data. */
  accepted: number;
  /** Replies other than the expected one, and sessions that failed (each counted once). */
  errors: number;
  /** The first few unexpected replies or failures, for the report. */
  errorSamples: string[];
  seconds: number;
  mailsPerSec: number;
  /** Per mail, from `MAIL FROM` written to the 250 after the data (ms). */
  p50: number;
  p99: number;
  max: number;
}

const MAX_SAMPLES = 5;

/**
 * Sends `mails` small mails over `connections` raw SMTP sessions, one dialogue at a time per session
 * (EHLO once, then MAIL FROM / RCPT TO / DATA / payload per mail, no pipelining), and counts the 250s.
 * A raw socket keeps the client cheap, so that the figure is the server's.
 */
export async function runSmtpLoad(options: SmtpLoadOptions): Promise<SmtpLoadResult> {
  const replyTimeoutMs = options.replyTimeoutMs ?? 10_000;
  let next = 0;
  let accepted = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const latencies = new Float64Array(options.mails);
  let measured = 0;

  const error = (what: string): void => {
    errors++;
    if (errorSamples.length < MAX_SAMPLES) errorSamples.push(what);
  };

  const session = async (id: number): Promise<void> => {
    if (next >= options.mails) return;
    let socket: Socket | null = null;
    try {
      socket = connect({ host: options.host, port: options.port, noDelay: true });
      const replies = smtpReplies(socket);
      const timed = timedReplies(replies, replyTimeoutMs);
      const expect = async (code: number, after: string): Promise<boolean> => {
        const reply = await timed();
        if (reply.code === code) return true;
        error(`${after}: ${reply.lines.join(' | ')}`);
        return false;
      };
      const send = (line: string): void => {
        socket?.write(line + '\r\n');
      };

      if (!(await expect(220, 'greeting'))) return;
      send(`EHLO bench-${id}.localhost`);
      if (!(await expect(250, 'EHLO'))) return;
      while (next < options.mails) {
        const mail = smtpMail(next++, options.tag);
        const started = performance.now();
        send(`MAIL FROM:<${mail.from}>`);
        if (!(await expect(250, 'MAIL FROM'))) {
          send('RSET');
          if (!(await expect(250, 'RSET'))) return;
          continue;
        }
        send(`RCPT TO:<${mail.to}>`);
        if (!(await expect(250, 'RCPT TO'))) {
          send('RSET');
          if (!(await expect(250, 'RSET'))) return;
          continue;
        }
        send('DATA');
        if (!(await expect(354, 'DATA'))) {
          send('RSET');
          if (!(await expect(250, 'RSET'))) return;
          continue;
        }
        socket.write(mail.data);
        if (await expect(250, 'end of data')) {
          accepted++;
          latencies[measured++] = performance.now() - started;
        }
      }
      send('QUIT');
      await timed().catch(() => undefined);
    } catch (failure) {
      error(`session ${id}: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      socket?.destroy();
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, (_, i) => session(i)));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.subarray(0, measured).sort();
  return {
    mails: Math.min(next, options.mails),
    accepted,
    errors,
    errorSamples,
    seconds,
    mailsPerSec: seconds > 0 ? accepted / seconds : Number.NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: measured ? sorted[measured - 1] : Number.NaN,
  };
}

/** `replies.next()` that rejects after `timeoutMs` (a silent server must not hang the bench). */
function timedReplies(replies: SmtpReplies, timeoutMs: number): () => ReturnType<SmtpReplies['next']> {
  return () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
      replies.next().then(
        (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        (failure: unknown) => {
          clearTimeout(timer);
          reject(failure);
        },
      );
    });
}
