import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { storedMessage } from '../support/stored-message.js';
import { listMessages, rawRequest } from './helpers.js';

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

async function postEmail(emailSettings: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await request(emu, 'POST', emailPath, emailBody({ recipientEmail: { emailAddress: 'Kari.Nordmann@Example.com', emailSettings }, ...extra }));
  expect(res.status, res.text).toBe(201);
  const [message] = await listMessages(emu, { limit: 1 });
  return { order: res.json, message };
}

const raw = (id: string, query = '') => rawRequest(emu, { method: 'GET', path: `/_emulator/messages/${id}/raw${query}` });

describe('GET /_emulator/messages/{id}/raw for an API email', () => {
  it('is an RFC 822 message that a mail parser reads back to the same subject, text, addresses and ids', async () => {
    const body = [
      'Hei Kari,',
      '',
      'Din engangskode er 123456. Den gjelder i fem minutter; ikke del den med noen – heller ikke med oss. Blåbærsyltetøy.',
      'a=b trailing   ',
      '🙂'.repeat(40),
    ].join('\n');
    const subject = 'Engangskode for pålogging – Altinn 🔐';
    const { order, message } = await postEmail({ subject, body, contentType: 'Plain', senderEmailAddress: 'no-reply@digdir.no' }, { sendersReference: 'sak-2026/17 æøå' });
    const res = await raw(message.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    const parsed = await simpleParser(res.body);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text).toBe(body);
    expect(parsed.html).toBe(false);
    expect(parsed.from?.value[0].address).toBe('no-reply@digdir.no');
    expect((Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0].address).toBe('Kari.Nordmann@Example.com');
    expect(parsed.messageId).toBe(`<${message.id}@altinn-notifications-emulator>`);
    expect(parsed.date?.toISOString()).toBe(new Date(Math.floor(Date.parse(message.createdAt) / 1000) * 1000).toISOString());
    expect(parsed.headers.get('x-altinn-notificationorderid')).toBe(order.notificationOrderId);
    expect(parsed.headers.get('x-altinn-shipmentid')).toBe(order.notification.shipmentId);
    // mailparser decodes encoded-words only in the headers it knows; this one is unstructured text (RFC 2047 §5).
    const reference = String(parsed.headers.get('x-altinn-sendersreference'));
    expect(reference).toMatch(/^(=\?UTF-8\?B\?[A-Za-z0-9+/=]*\?=\s*)+$/);
    expect(reference.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'))).toBe('sak-2026/17 æøå');
  });

  it('has CRLF line ends, quoted-printable UTF-8, and no line over 76 characters in the body', async () => {
    const { message } = await postEmail({ subject: 'Hi', body: `${'x'.repeat(300)}\næøå = ok`, contentType: 'Plain' });
    const text = (await raw(message.id)).body.toString('latin1');
    expect(text).not.toMatch(/[^\r]\n/);
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\r\n/);
    expect(head).toContain('\r\nMIME-Version: 1.0\r\n');
    expect(head).toContain('\r\nContent-Type: text/plain; charset=utf-8\r\n');
    expect(head).toContain('\r\nContent-Transfer-Encoding: quoted-printable\r\n');
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(body).toContain('=C3=A6=C3=B8=C3=A5 =3D ok');
  });

  it('is text/html for an HTML email, and gives the HTML back unchanged', async () => {
    const html = '<html><body><p style="color:red">Kode: <b>654321</b></p><img src="x" onerror="alert(1)"></body></html>';
    const { message } = await postEmail({ subject: 'HTML', body: html, contentType: 'Html' });
    const res = await raw(message.id);
    expect(res.text).toContain('\r\nContent-Type: text/html; charset=utf-8\r\n');
    const parsed = await simpleParser(res.body);
    expect(parsed.html).toBe(html);
  });

  it('leaves out X-Altinn-SendersReference when the order has none', async () => {
    const { message } = await postEmail({ subject: 'Hi', body: 'Hei', contentType: 'Plain' }, { sendersReference: null });
    expect((await raw(message.id)).text).not.toContain('X-Altinn-SendersReference');
  });

  it('downloads as message/rfc822 with a .eml file name when asked', async () => {
    const { message } = await postEmail({ subject: 'Hi', body: 'Hei', contentType: 'Plain' });
    const res = await raw(message.id, '?download=1');
    expect(res.headers['content-type']).toBe('message/rfc822');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${message.id}.eml"`);
  });
});

describe('GET /_emulator/messages/{id}/raw for an API SMS', () => {
  it('is plain text: From, To and Date, the order ids, a blank line, then the body as sent', async () => {
    const text = 'Din kode er 123456\n\n@altinn.no #123456';
    const res = await request(emu, 'POST', smsPath, smsBody({ sendersReference: 'ref-9', recipientSms: { phoneNumber: '004799999999', timeToLiveInSeconds: 300, smsSettings: { sender: 'Digdir', body: text } } }));
    expect(res.status).toBe(201);
    const [message] = await listMessages(emu, { limit: 1 });
    const out = await raw(message.id);
    expect(out.status).toBe(200);
    expect(out.headers['content-type']).toBe('text/plain; charset=utf-8');
    const [head, ...rest] = out.text.split('\n\n');
    expect(rest.join('\n\n')).toBe(text);
    expect(head.split('\n')).toEqual([
      'From: Digdir',
      'To: 004799999999',
      expect.stringMatching(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
      `X-Altinn-NotificationOrderId: ${res.json.notificationOrderId}`,
      `X-Altinn-ShipmentId: ${res.json.notification.shipmentId}`,
      'X-Altinn-SendersReference: ref-9',
    ]);
  });

  it('downloads as a .txt file when asked', async () => {
    await request(emu, 'POST', smsPath, smsBody());
    const res = await raw('latest', '?download=1&channel=sms');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w-]+\.txt"$/);
  });
});

describe('GET /_emulator/messages/{id}/raw for a mail received over SMTP', () => {
  it('gives back exactly the bytes received, 8-bit bytes included', async () => {
    const source =
      'From: a@example.com\r\nTo: b@example.com\r\nSubject: =?ISO-8859-1?Q?bl=E5b=E6r?=\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n' +
      'Content-Transfer-Encoding: 8bit\r\n\r\nbl\u00e5b\u00e6r \u00ff\r\n.\u0000 odd bytes kept\r\n';
    const stored = await emu.store.insertMessage(
      storedMessage(['b@example.com'], {
        source: 'smtp',
        subject: 'blåbær',
        smtp: { envelopeFrom: 'a@example.com', envelopeTo: ['b@example.com'], cc: [], headers: [], messageId: null, raw: source },
      }),
    );
    const res = await raw(stored.id);
    expect(res.status).toBe(200);
    expect(res.body.equals(Buffer.from(source, 'latin1'))).toBe(true);
    const download = await raw(stored.id, '?download=1');
    expect(download.headers['content-type']).toBe('message/rfc822');
    expect(download.body.equals(Buffer.from(source, 'latin1'))).toBe(true);
  });
});

describe('GET /_emulator/messages/{id}/raw for a mail sent to the SMTP listener', () => {
  it('gives back the mail byte for byte, after dot-unstuffing', async () => {
    const source = Buffer.concat([
      Buffer.from('From: app@example.com\r\nTo: kari@example.com\r\nSubject: Kode\r\nMessage-ID: <m1@example.com>\r\n', 'latin1'),
      Buffer.from('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      Buffer.from('Din kode er 123456. Blåbær.\r\n.a line that starts with a dot\r\n..two dots\r\n', 'utf8'),
    ]);
    const transport = createTransport({ host: '127.0.0.1', port: emu.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'app@example.com', to: ['kari@example.com'] }, raw: source });
    transport.close();
    const [message] = await listMessages(emu, { channel: 'email', limit: 1 });
    expect(message.source).toBe('smtp');
    const res = await raw(message.id);
    expect(res.status).toBe(200);
    expect(res.body.equals(source)).toBe(true);
  });
});

describe('GET /_emulator/messages/{id}/raw errors', () => {
  it('answers 404 with a problem for an unknown id and for latest with no match', async () => {
    for (const path of ['/_emulator/messages/nope/raw', '/_emulator/messages/latest/raw', '/_emulator/messages/latest/raw?channel=sms']) {
      const res = await request(emu, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ status: 404, title: 'Message not found', detail: expect.any(String) });
    }
  });

  it('answers latest with the newest matching message', async () => {
    await request(emu, 'POST', smsPath, smsBody());
    await postEmail({ subject: 'Newest', body: 'Hei', contentType: 'Plain' });
    expect((await raw('latest', '?channel=sms')).text).toMatch(/^From: Altinn\n/);
    expect((await raw('latest')).text).toContain('\r\nSubject: Newest\r\n');
  });
});
