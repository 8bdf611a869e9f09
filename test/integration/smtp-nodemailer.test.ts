import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import nodemailer, { type SendMailOptions, type TransportOptions } from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, start, tempDir } from '../support/emulator.js';
import { health, listMessages } from './helpers.js';

type Emulator = Awaited<ReturnType<typeof start>>;
type Transporter = ReturnType<typeof nodemailer.createTransport>;

const running: Emulator[] = [];
const transports: Transporter[] = [];

async function emulator(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
  const emu = await start(options);
  running.push(emu);
  return emu;
}

/** A nodemailer transport to the emulator; STARTTLS is not tried unless the options ask for it. */
function transport(emu: Emulator, options: Record<string, unknown> = {}): Transporter {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: emu.smtpPort, secure: false, ignoreTLS: true, ...options } as TransportOptions);
  transports.push(t);
  return t;
}

async function send(emu: Emulator, mail: SendMailOptions, options: Record<string, unknown> = {}) {
  return transport(emu, options).sendMail(mail);
}

/** The newest stored message, read as a user would: `GET /_emulator/messages/latest`. */
async function latest(emu: Emulator): Promise<any> {
  const res = await request(emu, 'GET', '/_emulator/messages/latest');
  expect(res.status).toBe(200);
  return res.json;
}

const fixture = (name: string) => readFile(new URL(`../../fixtures/emails/${name}`, import.meta.url));

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await Promise.all(running.splice(0).map((e) => e.close()));
});

describe('mail sent with nodemailer', () => {
  it('is stored as one message, readable at /_emulator/messages/latest, and the 250 names its seq', async () => {
    const emu = await emulator();
    const info = await send(emu, { from: 'Altinn <sender@example.com>', to: 'kari@example.com', subject: 'Your code', text: 'Your code is 482913' });
    expect(info.response).toMatch(/^250 .*#1\b/);
    const message = await latest(emu);
    expect(message).toMatchObject({
      seq: 1,
      channel: 'email',
      source: 'smtp',
      from: 'sender@example.com',
      to: ['kari@example.com'],
      subject: 'Your code',
      body: 'Your code is 482913',
      text: 'Your code is 482913',
      html: null,
      contentType: null,
      status: 'Received',
      order: null,
      expiresAt: null,
    });
    expect(message.smtp).toMatchObject({ envelopeFrom: 'sender@example.com', envelopeTo: ['kari@example.com'], messageId: info.messageId });
    expect(message.smtp.headers).toContainEqual(['Subject', 'Your code']);
    expect(message.smtp.raw).toContain('Your code is 482913');
  });

  it('keeps both the text and the HTML of an alternative mail', async () => {
    const emu = await emulator();
    await send(emu, { from: 's@example.com', to: 'kari@example.com', subject: 'Both', text: 'Plain words', html: '<p>Rich <b>words</b></p>' });
    expect(await latest(emu)).toMatchObject({ body: 'Plain words', text: 'Plain words', html: '<p>Rich <b>words</b></p>' });
  });

  it('gives an HTML-only mail a text body made from its HTML', async () => {
    const emu = await emulator();
    await send(emu, { from: 's@example.com', to: 'kari@example.com', subject: 'HTML', html: '<h1>Hi</h1><p>Your code is <b>123456</b>&nbsp;today</p>' });
    expect(await latest(emu)).toMatchObject({ text: null, body: 'Hi\n\nYour code is 123456 today' });
  });

  it('round-trips attachments byte for byte, inline cid images included', async () => {
    const emu = await emulator();
    const binary = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
    await send(emu, {
      from: 's@example.com',
      to: 'kari@example.com',
      subject: 'Files',
      text: 'See attached',
      html: '<p><img src="cid:logo@test"></p>',
      attachments: [
        { filename: 'data.bin', content: binary, contentType: 'application/octet-stream' },
        { filename: 'notes.txt', content: 'Blåbær\n' },
        { filename: 'logo.png', content: binary.subarray(0, 64), contentType: 'image/png', cid: 'logo@test' },
      ],
    });
    const message = await latest(emu);
    const byName = Object.fromEntries(message.attachments.map((a: any) => [a.filename, a]));
    expect(Object.keys(byName).sort()).toEqual(['data.bin', 'logo.png', 'notes.txt']);
    expect(byName['data.bin']).toMatchObject({ contentType: 'application/octet-stream', size: 1024, contentId: null });
    expect(Buffer.from(byName['data.bin'].content, 'base64').equals(binary)).toBe(true);
    expect(Buffer.from(byName['notes.txt'].content, 'base64').toString()).toBe('Blåbær\n');
    expect(byName['logo.png']).toMatchObject({ contentType: 'image/png', size: 64, contentId: 'logo@test' });
    expect(message.html).toBe('<p><img src="cid:logo@test"></p>');
  });

  it('puts To, Cc and Bcc recipients in to, each once; Cc in smtp.cc; Bcc only in the envelope', async () => {
    const emu = await emulator();
    await send(emu, {
      from: 's@example.com',
      to: ['Kari <kari@example.com>', 'ola@example.com'],
      cc: 'Support <support@example.com>',
      bcc: ['hidden@example.com', 'KARI@example.com'],
      subject: 'Many',
      text: 'Hi all',
    });
    const message = await latest(emu);
    expect(message.to).toEqual(['kari@example.com', 'ola@example.com', 'support@example.com', 'hidden@example.com']);
    expect(message.smtp.cc).toEqual(['support@example.com']);
    expect(message.smtp.envelopeTo).toEqual(expect.arrayContaining(['hidden@example.com', 'support@example.com']));
    expect(message.smtp.headers.map(([name]: [string]) => name.toLowerCase())).not.toContain('bcc');
    expect(await listMessages(emu)).toHaveLength(1);
  });

  it.each(['PLAIN', 'LOGIN'])('accepts AUTH %s with any user name and password', async (method) => {
    const emu = await emulator();
    await send(emu, { from: 's@example.com', to: 'kari@example.com', subject: `auth ${method}`, text: 'x' }, { auth: { user: 'any', pass: 'thing' }, authMethod: method });
    expect((await latest(emu)).subject).toBe(`auth ${method}`);
  });

  it('reads 8bit UTF-8 Norwegian text and an encoded-word subject', async () => {
    const emu = await emulator();
    await send(emu, { from: 'avsender@example.no', to: 'kari@example.no', subject: 'Engangskode for æøå ÆØÅ', text: 'Blåbærsyltetøy på brødskiva', textEncoding: 'quoted-printable' });
    expect(await latest(emu)).toMatchObject({ subject: 'Engangskode for æøå ÆØÅ', body: 'Blåbærsyltetøy på brødskiva' });
    const utf8 = await fixture('utf-8-8bit.eml');
    await send(emu, { envelope: { from: 'avsender@example.no', to: ['kari@example.no'] }, raw: utf8 });
    const stored = await latest(emu);
    expect(stored.text).toBe('Blåbærsyltetøy på brødskiva. ÆØÅ');
    expect(Buffer.from(stored.smtp.raw, 'latin1').equals(utf8)).toBe(true);
  });

  it.each([
    ['plain.eml', { subject: 'Your code', from: 'sender@example.com' }],
    ['alternative.eml', { subject: 'Welcome', to: ['kari@example.com', 'ola@example.com', 'support@example.com'] }],
    ['encoded-words.eml', { subject: 'Engangskode for æøå æøå ÆØÅ', from: 'pal@example.no' }],
    ['iso-8859-1-8bit.eml', { body: 'Blåbærsyltetøy på brødskiva. ÆØÅ' }],
    ['inline-cid.eml', { body: 'Hello', text: null }],
    ['malformed.eml', { subject: null, warnings: [expect.objectContaining({ code: 'smtp-malformed-mime' })] }],
  ])('stores the fixture %s sent as it is, its raw source kept byte for byte', async (name, expected) => {
    const emu = await emulator();
    const raw = await fixture(name);
    await send(emu, { envelope: { from: 'env@example.com', to: ['kari@example.com'] }, raw });
    const message = await latest(emu);
    expect(message).toMatchObject(expected);
    expect(Buffer.from(message.smtp.raw, 'latin1').equals(raw)).toBe(true);
  });
});

describe('STARTTLS', () => {
  let certDir: { dir: string; remove: () => Promise<void> } | null = null;
  let opensslMissing: string | null = null;

  beforeAll(async () => {
    certDir = await tempDir();
    try {
      await promisify(execFile)('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
        '-keyout', join(certDir.dir, 'key.pem'), '-out', join(certDir.dir, 'cert.pem'),
      ]);
    } catch (err) {
      opensslMissing = `openssl could not make a test certificate: ${(err as Error).message}`;
    }
  });
  afterAll(async () => certDir?.remove());

  it('is offered with a configured certificate, and nodemailer with requireTLS delivers over it', async (ctx) => {
    if (opensslMissing) ctx.skip(opensslMissing);
    const emu = await emulator({ smtpCert: join(certDir!.dir, 'cert.pem'), smtpKey: join(certDir!.dir, 'key.pem') });
    // requireTLS: nodemailer fails unless STARTTLS is offered and the upgrade succeeds.
    const options = { ignoreTLS: false, requireTLS: true, tls: { rejectUnauthorized: false } };
    const info = await send(emu, { from: 's@example.com', to: 'kari@example.com', subject: 'over TLS', text: 'secret' }, options);
    expect(info.response).toMatch(/^250 /);
    expect((await latest(emu)).subject).toBe('over TLS');
  });

  it('is refused to a client that requires it when no certificate is configured', async () => {
    const emu = await emulator();
    await expect(send(emu, { from: 's@example.com', to: 'k@example.com', subject: 'x', text: 'x' }, { ignoreTLS: false, requireTLS: true })).rejects.toThrow(/STARTTLS/);
    expect((await health(emu)).json.counts.messages).toBe(0);
  });

  it('makes a missing certificate file a clear start-up error', async () => {
    await expect(start({ smtpCert: join(certDir!.dir, 'nope.pem'), smtpKey: join(certDir!.dir, 'nope-key.pem') })).rejects.toThrow(/cannot read --smtp-cert .*nope\.pem/);
  });

  it('makes a file that is not a certificate a clear start-up error', async (ctx) => {
    if (opensslMissing) ctx.skip(opensslMissing);
    await expect(start({ smtpCert: join(certDir!.dir, 'key.pem'), smtpKey: join(certDir!.dir, 'key.pem') })).rejects.toThrow(/not a usable PEM certificate and key/);
  });
});

describe('the SMTP listener and the rest of the emulator', () => {
  it('keeps a received mail across a restart with a file store', async () => {
    const { dir, remove } = await tempDir();
    try {
      const data = join(dir, 'db.json');
      const first = await start({ data });
      const t = nodemailer.createTransport({ host: '127.0.0.1', port: first.smtpPort, ignoreTLS: true });
      await t.sendMail({ from: 's@example.com', to: 'kari@example.com', subject: 'kept', text: 'across restarts', attachments: [{ filename: 'a.txt', content: 'A' }] });
      t.close();
      const before = await latest(first);
      await first.close();
      const second = await emulator({ data });
      expect(await latest(second)).toEqual(before);
      expect((await health(second)).json.cursor).toBe(1);
    } finally {
      await Promise.all(running.splice(0).map((e) => e.close()));
      await remove();
    }
  });

  it('fails to start with a clear error when the SMTP port is taken, releasing the HTTP port and the data folder', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const { dir, remove } = await tempDir();
    try {
      const data = join(dir, 'db.json');
      await expect(start({ data, smtpPort: taken })).rejects.toThrow(new RegExp(`cannot listen for SMTP on 127\\.0\\.0\\.1:${taken}: .*EADDRINUSE`));
      const retry = await emulator({ data }); // the data folder's lock was released
      expect((await health(retry)).status).toBe(200);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      await Promise.all(running.splice(0).map((e) => e.close()));
      await remove();
    }
  });

  it('emits message.created for a mail, as for an API order', async () => {
    const emu = await emulator();
    const created = new Promise<any>((resolve) => {
      const off = emu.events.subscribe((event) => {
        if (event.type === 'message.created') {
          off();
          resolve(event);
        }
      });
    });
    await send(emu, { from: 's@example.com', to: 'kari@example.com', subject: 'event', text: 'x' });
    const event = await created;
    expect(event.data.message).toMatchObject({ source: 'smtp', subject: 'event', seq: 1 });
    expect(event.cursor).toBe(1);
  });
});
