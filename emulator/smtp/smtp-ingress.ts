import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MessageDraft } from '../store/message.js';
import type { Store } from '../store/store.js';
import { draftSmtpMessage, type SmtpEnvelope } from './draft-smtp-message.js';
import { createMailParser } from './create-mail-parser.js';
import { readMail } from './read-mail.js';
import { readTlsFiles } from './read-tls-files.js';
import { logPreview } from '../log-preview.js';

export interface SmtpIngressDeps {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Largest mail in bytes (0 = no limit); a larger one gets 552 and nothing is stored. */
  maxSize: number;
  /** PEM files for STARTTLS; without both, STARTTLS is neither offered nor accepted. */
  cert: string | null;
  key: string | null;
  store: Store;
  /** The emulator clock. */
  now: () => Date;
  /** One line per stored mail. */
  log: (line: string) => void;
  newId?: () => string;
}

export interface SmtpIngress {
  /** The port it listens on (the one picked when `port` was 0). */
  port: number;
  /** Stops listening, destroys open connections, waits for mails already received to be stored. Idempotent. */
  close(): Promise<void>;
}

/** Generous for a developer's machine, small enough that a flood of idle connections cannot exhaust descriptors. */
const maxClients = 1000;
const maxRecipients = 1000;
const socketTimeoutMs = 60_000;

/**
 * The SMTP listener (product §6): every mail becomes one stored message through the same `store.insertMessage` as
 * the API's orders, and the client hears `250` only once that message is in the journal.
 */
export async function startSmtpIngress(deps: SmtpIngressDeps): Promise<SmtpIngress> {
  const tls = await readTlsFiles(deps.cert, deps.key);
  const parser = createMailParser();
  const receiving = new Set<Promise<void>>();

  async function receive(stream: SMTPServerDataStream, envelope: SmtpEnvelope): Promise<string> {
    const raw = await readMail(stream, deps.maxSize);
    if (raw === null) throw smtpError(552, `Error: message exceeds fixed maximum message size ${deps.maxSize}`);
    const mail = await parser.parse(raw);
    const ctx = { now: deps.now(), newId: deps.newId };
    let draft: MessageDraft;
    try {
      draft = draftSmtpMessage(mail, envelope, raw, ctx);
    } catch (err) {
      // A mail that trips up the emulator's own reading is still kept, as received, rather than bounced.
      draft = draftSmtpMessage({ malformed: true, reason: `the emulator could not read it: ${(err as Error).message}` }, envelope, raw, ctx);
    }
    let seq: number;
    try {
      ({ seq } = await deps.store.insertMessage(draft));
    } catch (err) {
      // The only 5xx/4xx for content the emulator gives: the mail is fine, the store is not; the client may retry.
      throw smtpError(451, `Temporary failure: the mail could not be stored (${(err as Error).message})`);
    }
    deps.log(`Email #${seq} to ${draft.to[0]} (smtp): ${logPreview(draft.subject ?? draft.body)}`);
    return `OK: stored as message #${seq}`;
  }

  const server = new SMTPServer({
    name: 'altinn-notifications-emulator',
    banner: 'Altinn Notifications emulator: mail is stored, never delivered',
    logger: false,
    disableReverseLookup: true,
    // smtp-server's built-in certificate has expired and its key is public: STARTTLS only with a configured
    // certificate.
    ...(tls ? { cert: tls.cert, key: tls.key } : { disabledCommands: ['STARTTLS'] }),
    // Any credentials are accepted, and none are needed: this is a sink for a developer's own mail.
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'],
    authOptional: true,
    allowInsecureAuth: true,
    lenientAddressParsing: true,
    size: deps.maxSize > 0 ? deps.maxSize : undefined,
    rejectOversized: true,
    maxClients,
    maxRecipients,
    socketTimeout: socketTimeoutMs,
    onConnect(_session, callback) {
      parser.preload();
      callback();
    },
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username || 'anonymous' });
    },
    onData(stream, session, callback) {
      const done = receive(stream, envelopeOf(session)).then(
        (reply) => callback(null, reply),
        (err: Error) => callback(err),
      );
      receiving.add(done);
      void done.finally(() => receiving.delete(done));
    },
  });
  // Our own list of sockets, so that close can end sessions now without reaching into smtp-server's private fields.
  const sockets = new Set<Socket>();
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let listening = false;
  // smtp-server reports a client's broken connection as a server 'error': without a listener it would crash us.
  server.on('error', (err: Error) => {
    if (listening) deps.log(`SMTP connection error: ${err.message}`);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(deps.port, deps.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    // 1025 is every mail catcher's port (MailHog, Mailpit, MailDev): say what to do about it.
    const hint = inUse ? ' (another mail catcher? pick another port with --smtp-port, or 0 for any free one)' : '';
    throw new Error(`cannot listen for SMTP on ${deps.host}:${deps.port}: ${(err as Error).message}${hint}`);
  }
  listening = true;

  let closing: Promise<void> | null = null;
  return {
    port: (server.server.address() as AddressInfo).port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((done) => server.close(() => done()));
        // smtp-server would give open sessions 30 s; a closing emulator ends them now.
        for (const socket of sockets) socket.destroy();
        await closed;
        await Promise.allSettled([...receiving]);
      })();
      return closing;
    },
  };
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const { mailFrom, rcptTo } = session.envelope;
  return { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) };
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

