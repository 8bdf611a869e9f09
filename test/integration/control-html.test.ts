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

// Product §10, character for character.
const csp = "sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

async function postHtmlEmail(html: string) {
  const res = await request(emu, 'POST', emailPath, emailBody({ recipientEmail: { emailAddress: 'user@example.com', emailSettings: { subject: 'Hi', body: html, contentType: 'Html' } } }));
  expect(res.status, res.text).toBe(201);
  const [message] = await listMessages(emu, { limit: 1 });
  return message;
}

const html = (id: string, query = '') => rawRequest(emu, { method: 'GET', path: `/_emulator/messages/${id}/html${query}` });

describe('GET /_emulator/messages/{id}/html', () => {
  it('serves the HTML body with exactly the sandboxing CSP and the hardening headers', async () => {
    const message = await postHtmlEmail('<p>Kode: <b>123456</b></p>');
    const res = await html(message.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(csp);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toBe('<p>Kode: <b>123456</b></p>');
  });

  it('serves hostile HTML unaltered: the CSP, not rewriting, is what makes it inert', async () => {
    const hostile =
      '<!doctype html><html><head><meta http-equiv="refresh" content="0;url=https://example.invalid">' +
      '<script>parent.document.body.innerHTML="owned"</script><base href="https://example.invalid/"></head>' +
      '<body onload="alert(1)"><img src="x" onerror="fetch(\'/_emulator/reset\',{method:\'POST\'})">' +
      '<a href="javascript:alert(2)">click</a><iframe src="/_emulator/messages"></iframe>' +
      '<form action="/_emulator/reset" method="post"><button>go</button></form><p>æøå 🙂</p></body></html>';
    const message = await postHtmlEmail(hostile);
    const res = await html(message.id);
    expect(res.headers['content-security-policy']).toBe(csp);
    expect(res.text).toBe(hostile);
  });

  it('rewrites cid: images to data: URIs from the attachments, and nothing else', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const source = '<p onclick="x()">Logo:</p><img src="cid:logo@digdir.no"><img src="cid:unknown@x">';
    const stored = await emu.store.insertMessage(
      storedMessage(['user@example.com'], {
        source: 'smtp',
        contentType: null,
        html: source,
        attachments: [{ filename: 'logo.png', contentType: 'image/png', size: 16, contentId: '<logo@digdir.no>', content: png }],
      }),
    );
    const res = await html(stored.id);
    expect(res.headers['content-security-policy']).toBe(csp);
    expect(res.text).toBe(`<p onclick="x()">Logo:</p><img src="data:image/png;base64,${png}"><img src="cid:unknown@x">`);
  });

  it('shows the inline image of a mail sent over SMTP as a data: URI', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
    const transport = createTransport({ host: '127.0.0.1', port: emu.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'app@example.com',
      to: 'kari@example.com',
      subject: 'Logo',
      html: '<p>Hei</p><img src="cid:logo@app.example" alt="logo">',
      attachments: [{ filename: 'logo.png', content: png, contentType: 'image/png', cid: 'logo@app.example' }],
    });
    transport.close();
    const res = await html('latest', '?channel=email');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(csp);
    expect(res.text).toBe(`<p>Hei</p><img src="data:image/png;base64,${png.toString('base64')}" alt="logo">`);
  });

  it('answers latest with the newest message matching the filters', async () => {
    await postHtmlEmail('<p>first</p>');
    await postHtmlEmail('<p>second</p>');
    expect((await html('latest')).text).toBe('<p>second</p>');
    expect((await html('latest', '?q=first')).text).toBe('<p>first</p>');
  });

  it('answers 404 with a problem for a plain-text email and for an SMS, which have no HTML body', async () => {
    const plain = await request(emu, 'POST', emailPath, emailBody());
    expect(plain.status).toBe(201);
    const [email] = await listMessages(emu, { channel: 'email' });
    await request(emu, 'POST', smsPath, smsBody());
    const [sms] = await listMessages(emu, { channel: 'sms' });
    for (const id of [email.id, sms.id]) {
      const res = await request(emu, 'GET', `/_emulator/messages/${id}/html`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ type: 'about:blank', title: 'No HTML body', status: 404, detail: `Message "${id}" has no HTML body.` });
      expect(res.headers.get('content-security-policy')).toBeNull();
    }
  });

  it('answers 404 with a problem for an unknown id', async () => {
    const res = await request(emu, 'GET', '/_emulator/messages/unknown/html');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ status: 404, title: 'Message not found' });
  });
});
