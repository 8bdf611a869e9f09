import type { Message } from '../store/message.js';
import { formatHeader } from './format-header.js';
import { encodeQuotedPrintable } from './quoted-printable.js';
import { rfc5322Date } from './rfc5322-date.js';

export interface RawSource {
  body: Buffer;
  /** What a download is: `message/rfc822` for email, plain text for SMS. */
  downloadType: string;
  fileExtension: 'eml' | 'txt';
}

/**
 * The source of a message (product §4): a mail received over SMTP exactly as its bytes arrived; an API email as the
 * RFC 822 message Altinn's mail service would send; an SMS as a short header block and the body.
 */
export function renderRaw(message: Message): RawSource {
  if (message.channel === 'sms') {
    return { body: Buffer.from(smsSource(message), 'utf8'), downloadType: 'text/plain; charset=utf-8', fileExtension: 'txt' };
  }
  const source = message.source === 'smtp' && message.smtp ? Buffer.from(message.smtp.raw, 'latin1') : Buffer.from(emailSource(message), 'utf8');
  return { body: source, downloadType: 'message/rfc822', fileExtension: 'eml' };
}

/** The message's own id makes a stable Message-ID for the rendition. */
function renditionMessageId(id: string): string {
  return `<${id}@altinn-notifications-emulator>`;
}

function emailSource(m: Message): string {
  const lines: string[] = [];
  const header = (name: string, value: string | null | undefined, structured = false) => {
    if (value != null) lines.push(formatHeader(name, value, { structured }));
  };
  header('Date', rfc5322Date(new Date(m.createdAt)));
  header('From', m.from, true);
  header('To', m.to.join(', '), true);
  header('Subject', m.subject);
  header('Message-ID', renditionMessageId(m.id));
  header('MIME-Version', '1.0');
  header('Content-Type', `${m.contentType === 'Html' ? 'text/html' : 'text/plain'}; charset=utf-8`);
  header('Content-Transfer-Encoding', 'quoted-printable');
  header('X-Altinn-NotificationOrderId', m.order?.notificationOrderId);
  header('X-Altinn-ShipmentId', m.order?.shipmentId);
  header('X-Altinn-SendersReference', m.order?.sendersReference);
  return `${lines.join('\r\n')}\r\n\r\n${encodeQuotedPrintable(m.body)}`;
}

// Not a wire format: a readable block for people and for the UI's source view, so no encoding and plain newlines.
function smsSource(m: Message): string {
  const oneLine = (v: string) => v.replace(/[\r\n]+/g, ' ');
  const lines = [`From: ${oneLine(m.from ?? '')}`, `To: ${oneLine(m.to.join(', '))}`, `Date: ${rfc5322Date(new Date(m.createdAt))}`];
  if (m.order) {
    lines.push(`X-Altinn-NotificationOrderId: ${m.order.notificationOrderId}`, `X-Altinn-ShipmentId: ${m.order.shipmentId}`);
    if (m.order.sendersReference !== null) lines.push(`X-Altinn-SendersReference: ${oneLine(m.order.sendersReference)}`);
  }
  return `${lines.join('\n')}\n\n${m.body}`;
}
