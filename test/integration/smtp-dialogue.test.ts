import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request, start, tempDir } from '../support/emulator.js';
import { health, listMessages } from './helpers.js';

/** The newest message whole (with `smtp.raw`), as `GET /_emulator/messages/latest` gives it. */
async function wholeLatest(emu: { url: string }): Promise<any> {
  const res = await request(emu, 'GET', '/_emulator/messages/latest');
  expect(res.status).toBe(200);
  return res.json;
}

type Emulator = Awaited<ReturnType<typeof start>>;

interface Reply {
  code: number;
  lines: string[];
}

/**
 * A tiny SMTP client that speaks only what it is told: for the dialogues a library would not hold (pipelining in one
 * write, bad commands, hanging up mid-DATA). Replies are parsed as they come and handed out in order.
 */
class Dialogue {
  private buffered = '';
  private partial: string[] = [];
  private readonly replies: Reply[] = [];
  private readonly waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  private ended: Error | null = null;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.receive(chunk));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    void this.closed.then(() => {
      this.ended = new Error(`connection closed; unread: ${JSON.stringify(this.buffered)}`);
      for (const w of this.waiting.splice(0)) w.reject(this.ended);
    });
    socket.on('error', () => undefined); // a reset shows as 'close', which the tests await
  }

  /** Connects and reads the 220 greeting. */
  static async open(port: number): Promise<{ dialogue: Dialogue; greeting: Reply }> {
    const socket = connect(port, '127.0.0.1');
    const dialogue = new Dialogue(socket);
    const greeting = await dialogue.reply();
    return { dialogue, greeting };
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    for (let eol = this.buffered.indexOf('\r\n'); eol >= 0; eol = this.buffered.indexOf('\r\n')) {
      const line = this.buffered.slice(0, eol);
      this.buffered = this.buffered.slice(eol + 2);
      this.partial.push(line.slice(4));
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), lines: this.partial };
      this.partial = [];
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(reply);
      else this.replies.push(reply);
    }
  }

  /** The next reply, in order. */
  reply(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** The next `count` replies. */
  async replyCodes(count: number): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < count; i++) codes.push((await this.reply()).code);
    return codes;
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  async command(line: string): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** EHLO, MAIL, RCPT..., DATA, the message (dot-stuffed here), the final dot: the code of the reply to the dot. */
  async send(from: string, to: string[], message: string): Promise<Reply> {
    const steps: [string, number][] = [[`MAIL FROM:<${from}>`, 250], ...to.map((t): [string, number] => [`RCPT TO:<${t}>`, 250]), ['DATA', 354]];
    for (const [line, code] of steps) {
      const reply = await this.command(line);
      expect(reply.code, `${line}: ${reply.lines.join(' ')}`).toBe(code);
    }
    const stuffed = dotStuff(message);
    return this.command(stuffed.endsWith('\r\n') ? `${stuffed}.` : `${stuffed}\r\n.`);
  }

  hangUp(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }
}

function dotStuff(message: string): string {
  return message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
}

const running: Emulator[] = [];
const dialogues: Dialogue[] = [];

async function emulator(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
  const emu = await start(options);
  running.push(emu);
  return emu;
}

async function open(emu: Emulator, ehlo = true): Promise<Dialogue> {
  const { dialogue, greeting } = await Dialogue.open(emu.smtpPort);
  dialogues.push(dialogue);
  expect(greeting.code).toBe(220);
  if (ehlo) expect((await dialogue.command('EHLO client.test')).code).toBe(250);
  return dialogue;
}

afterEach(async () => {
  for (const d of dialogues.splice(0)) d.socket.destroy();
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const simpleMail = (subject: string, body = 'Hello') => `From: sender@example.com\r\nTo: kari@example.com\r\nSubject: ${subject}\r\n\r\n${body}\r\n`;

describe('an SMTP dialogue with the emulator', () => {
  it('greets as the emulator and advertises SIZE, PIPELINING, 8BITMIME and AUTH, but no STARTTLS without a certificate', async () => {
    const emu = await emulator({ smtpMaxSize: 123456 });
    const { dialogue, greeting } = await Dialogue.open(emu.smtpPort);
    dialogues.push(dialogue);
    expect(greeting.lines[0]).toMatch(/Altinn Notifications emulator/);
    const ehlo = await dialogue.command('EHLO client.test');
    expect(ehlo.code).toBe(250);
    expect(ehlo.lines).toEqual(expect.arrayContaining(['PIPELINING', '8BITMIME', 'SIZE 123456', 'AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2']));
    expect(ehlo.lines.join('\n')).not.toMatch(/STARTTLS/);
    expect((await dialogue.command('STARTTLS')).code).toBeGreaterThanOrEqual(500);
    expect((await dialogue.command('QUIT')).code).toBe(221);
  });

  it('accepts any AUTH PLAIN and AUTH LOGIN credentials, and mail without AUTH', async () => {
    const emu = await emulator();
    const plain = await open(emu);
    expect((await plain.command(`AUTH PLAIN ${Buffer.from('\0anyone\0anything').toString('base64')}`)).code).toBe(235);
    expect((await plain.send('a@example.com', ['b@example.com'], simpleMail('after plain'))).code).toBe(250);
    const login = await open(emu);
    expect((await login.command('AUTH LOGIN')).code).toBe(334);
    expect((await login.command(Buffer.from('someone').toString('base64'))).code).toBe(334);
    expect((await login.command(Buffer.from('wrong-is-fine').toString('base64'))).code).toBe(235);
    const none = await open(emu);
    expect((await none.send('a@example.com', ['b@example.com'], simpleMail('no auth'))).code).toBe(250);
    expect((await listMessages(emu)).map((m) => m.subject)).toEqual(['no auth', 'after plain']);
  });

  it('answers a whole pipelined transaction sent in one write, in order, and stores the mail once', async () => {
    const emu = await emulator();
    const dialogue = await open(emu);
    dialogue.write(
      'MAIL FROM:<sender@example.com>\r\nRCPT TO:<kari@example.com>\r\nRCPT TO:<ola@example.com>\r\nDATA\r\n' +
        `${simpleMail('pipelined')}.\r\nMAIL FROM:<sender@example.com>\r\nRCPT TO:<per@example.com>\r\nDATA\r\n` +
        `${simpleMail('second')}.\r\nQUIT\r\n`,
    );
    expect(await dialogue.replyCodes(10)).toEqual([250, 250, 250, 354, 250, 250, 250, 354, 250, 221]);
    const [second, first] = await listMessages(emu);
    expect(first).toMatchObject({ subject: 'pipelined', to: ['kari@example.com', 'ola@example.com'] });
    expect(second).toMatchObject({ subject: 'second', to: ['kari@example.com', 'per@example.com'] });
    expect(second.seq).toBe(first.seq + 1);
  });

  it('answers bad commands with 5xx and stays usable: unknown verbs, RCPT before MAIL, DATA before RCPT, garbage bytes', async () => {
    const emu = await emulator();
    const dialogue = await open(emu);
    expect((await dialogue.command('FOO bar')).code).toBe(500);
    expect((await dialogue.command('RCPT TO:<kari@example.com>')).code).toBe(503);
    expect((await dialogue.command('MAIL FROM:<a@example.com>')).code).toBe(250);
    expect((await dialogue.command('DATA')).code).toBe(503);
    expect((await dialogue.command('MAIL FROM:<b@example.com>')).code).toBe(503); // nested MAIL
    expect((await dialogue.command('RSET')).code).toBe(250);
    dialogue.write(Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x41, 0x0d, 0x0a]));
    expect((await dialogue.reply()).code).toBeGreaterThanOrEqual(500);
    expect((await dialogue.command('MAIL FROM:<not an address')).code).toBeGreaterThanOrEqual(500);
    expect((await dialogue.send('a@example.com', ['kari@example.com'], simpleMail('still works'))).code).toBe(250);
    expect((await listMessages(emu)).map((m) => m.subject)).toEqual(['still works']);
  });

  it('forgets the transaction on RSET: only recipients given after it are stored', async () => {
    const emu = await emulator();
    const dialogue = await open(emu);
    expect((await dialogue.command('MAIL FROM:<a@example.com>')).code).toBe(250);
    expect((await dialogue.command('RCPT TO:<forgotten@example.com>')).code).toBe(250);
    expect((await dialogue.command('RSET')).code).toBe(250);
    expect((await dialogue.command('DATA')).code).toBe(503);
    expect((await dialogue.send('b@example.com', ['kept@example.com'], 'Subject: after reset\r\n\r\nbody\r\n')).code).toBe(250);
    const [message] = await listMessages(emu);
    expect(message.to).toEqual(['kept@example.com']);
    expect(message.smtp).toMatchObject({ envelopeFrom: 'b@example.com', envelopeTo: ['kept@example.com'] });
  });

  it('refuses a mail over --smtp-max-size with 552, stores nothing, and goes on with the session', async () => {
    const emu = await emulator({ smtpMaxSize: 2000 });
    const dialogue = await open(emu);
    const big = simpleMail('too big', 'x'.repeat(70) + '\r\n'.repeat(1) + `${'y'.repeat(76)}\r\n`.repeat(60));
    const refused = await dialogue.send('a@example.com', ['kari@example.com'], big);
    expect(refused.code).toBe(552);
    expect((await health(emu)).json.counts.messages).toBe(0);
    expect((await dialogue.send('a@example.com', ['kari@example.com'], simpleMail('small'))).code).toBe(250);
    expect((await listMessages(emu)).map((m) => m.subject)).toEqual(['small']);
  });

  it('refuses MAIL FROM with a declared SIZE over the limit at once, and takes one under it', async () => {
    const emu = await emulator({ smtpMaxSize: 2000 });
    const dialogue = await open(emu);
    expect((await dialogue.command('MAIL FROM:<a@example.com> SIZE=2001')).code).toBe(552);
    expect((await dialogue.command('MAIL FROM:<a@example.com> SIZE=1999')).code).toBe(250);
  });

  it('stores malformed MIME as received, with the raw text as body and a warning', async () => {
    const emu = await emulator();
    const dialogue = await open(emu);
    const reply = await dialogue.send('env@example.com', ['kari@example.com'], 'this is not a mail\r\nno headers at all: none\r\n');
    expect(reply.code).toBe(250);
    const [message] = await listMessages(emu);
    expect(message).toMatchObject({ subject: null, from: 'env@example.com', to: ['kari@example.com'], body: 'this is not a mail\r\nno headers at all: none\r\n' });
    expect(message.warnings).toEqual([expect.objectContaining({ code: 'smtp-malformed-mime' })]);
  });

  it('stores binary garbage with a warning, and the exact bytes in raw', async () => {
    const emu = await emulator();
    const dialogue = await open(emu);
    const garbage = Buffer.from(Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 0x0a && b !== 0x0d && b !== 0x2e));
    for (const [line, code] of [['MAIL FROM:<a@example.com>', 250], ['RCPT TO:<kari@example.com>', 250], ['DATA', 354]] as const) {
      expect((await dialogue.command(line)).code).toBe(code);
    }
    dialogue.write(Buffer.concat([garbage, Buffer.from('\r\n.\r\n')]));
    expect((await dialogue.reply()).code).toBe(250);
    const message = await wholeLatest(emu); // lists leave the raw source out
    expect(message.warnings.map((w: { code: string }) => w.code)).toEqual(['smtp-malformed-mime']);
    expect(Buffer.from(message.smtp.raw, 'latin1').equals(Buffer.concat([garbage, Buffer.from('\r\n')]))).toBe(true);
  });

  it('undoes dot-stuffing: a line starting with a dot round-trips, and a lone dot inside the text does not end the mail', async () => {
    const emu = await emulator();
    const dialogue = await open(emu);
    const text = 'first\r\n.starts with a dot\r\n.\r\n..two dots\r\nlast';
    expect((await dialogue.send('a@example.com', ['kari@example.com'], `Subject: dots\r\n\r\n${text}\r\n`)).code).toBe(250);
    const message = await wholeLatest(emu);
    expect(message.text).toBe(text.replace(/\r\n/g, '\n'));
    expect(message.smtp.raw).toBe(`Subject: dots\r\n\r\n${text}\r\n`);
  });

  it('stores nothing when the client hangs up mid-DATA, and serves the next client', async () => {
    const emu = await emulator();
    const quitter = await open(emu);
    for (const [line, code] of [['MAIL FROM:<a@example.com>', 250], ['RCPT TO:<kari@example.com>', 250], ['DATA', 354]] as const) {
      expect((await quitter.command(line)).code).toBe(code);
    }
    quitter.write('Subject: never finished\r\n\r\nhalf a mail');
    await quitter.hangUp();
    const next = await open(emu);
    expect((await next.send('a@example.com', ['kari@example.com'], simpleMail('complete'))).code).toBe(250);
    expect((await listMessages(emu)).map((m) => m.subject)).toEqual(['complete']);
    expect((await health(emu)).status).toBe(200);
  });

  it('takes 50 connections at once, each with a mail: all stored, each with its own seq', async () => {
    const emu = await emulator();
    const count = 50;
    const results = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const dialogue = await open(emu);
        const reply = await dialogue.send(`s${i}@example.com`, [`r${i}@example.com`], simpleMail(`parallel ${i}`));
        await dialogue.command('QUIT');
        return reply.code;
      }),
    );
    expect(results).toEqual(Array(count).fill(250));
    const messages = await listMessages(emu, { limit: 500 });
    expect(messages).toHaveLength(count);
    expect(new Set(messages.map((m) => m.seq)).size).toBe(count);
    expect(new Set(messages.map((m) => m.subject))).toEqual(new Set(Array.from({ length: count }, (_, i) => `parallel ${i}`)));
  });

  it('answers 250 only once the mail is in the journal on disk', async () => {
    const { dir, remove } = await tempDir();
    try {
      const emu = await emulator({ data: join(dir, 'db.json') });
      const dialogue = await open(emu);
      for (const [line, code] of [['MAIL FROM:<a@example.com>', 250], ['RCPT TO:<kari@example.com>', 250], ['DATA', 354]] as const) {
        expect((await dialogue.command(line)).code).toBe(code);
      }
      const marker = `<durable-${Date.now()}@example.com>`;
      // Read the journal synchronously the moment the 250 arrives, before anything else can run.
      const journalAt250 = new Promise<string>((resolve) =>
        dialogue.socket.prependListener('data', (chunk: string) => {
          if (chunk.startsWith('250')) resolve(readFileSync(join(dir, 'journal.jsonl'), 'utf8'));
        }),
      );
      dialogue.write(`Message-ID: ${marker}\r\nSubject: durable\r\n\r\nbody\r\n.\r\n`);
      expect(await journalAt250).toContain(marker);
      expect((await dialogue.reply()).code).toBe(250);
    } finally {
      await Promise.all(running.splice(0).map((e) => e.close()));
      await remove();
    }
  });

  it('survives hostile sessions (an overlong line, binary noise, endless bad commands, talking too soon), then still serves', async () => {
    const emu = await emulator();
    const overlong = await open(emu);
    overlong.write(`${'X'.repeat(100_000)}\r\n`);
    expect((await overlong.reply()).code).toBe(421);
    await overlong.closed;

    const noisy = await open(emu);
    noisy.write(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) & 0xff)));
    noisy.write(`\r\n${'BAD\r\n'.repeat(50)}`);
    const codes: number[] = [];
    for (let reply = await noisy.reply(); ; reply = await noisy.reply()) {
      codes.push(reply.code);
      if (reply.code === 421) break;
    }
    expect(codes.slice(0, -1).every((code) => code >= 500)).toBe(true); // then smtp-server gives up on the client
    await noisy.closed;

    const tooSoon = connect(emu.smtpPort, '127.0.0.1');
    let heard = '';
    tooSoon.on('data', (chunk) => (heard += chunk)).on('error', () => undefined);
    tooSoon.write('EHLO too-soon\r\nMAIL FROM:<a@example.com>\r\n'); // before the greeting
    await new Promise((resolve) => tooSoon.once('close', resolve));
    expect(heard).toMatch(/^421 .*talk too soon/);

    const noHello = await open(emu, false);
    expect((await noHello.command('MAIL FROM:<a@example.com>')).code).toBe(503); // before EHLO
    await noHello.hangUp();

    const fine = await open(emu);
    expect((await fine.send('a@example.com', ['kari@example.com'], simpleMail('after the storm'))).code).toBe(250);
    const res = await health(emu);
    expect(res.status).toBe(200);
    expect(res.json.counts.messages).toBe(1);
    expect((await request(emu, 'GET', '/_emulator/messages/latest')).json.subject).toBe('after the storm');
  });

  it('closes fast with sessions still open, one of them mid-DATA', async () => {
    const emu = await start();
    const idle = await open(emu);
    const busy = await open(emu);
    for (const [line, code] of [['MAIL FROM:<a@example.com>', 250], ['RCPT TO:<kari@example.com>', 250], ['DATA', 354]] as const) {
      expect((await busy.command(line)).code).toBe(code);
    }
    busy.write('Subject: cut off\r\n\r\nhalf');
    await emu.close();
    await Promise.all([idle.closed, busy.closed]);
  });
});
