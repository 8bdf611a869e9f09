import { randomUUID } from 'node:crypto';
import type { MessageDraft, Warning } from '../store/message.js';
import { decodeText } from './decode-text.js';
import { htmlToText } from '../analysis/html-to-text.js';
import type { ParsedSmtpMail } from './create-mail-parser.js';
import { recipientKey } from '../store/recipient-key.js';

/**
 * The status of every SMTP mail. There is no Altinn order behind it, so none of Altinn's `Email_*` statuses applies:
 * the mail was received, and that is all the emulator knows (product §6).
 */
export const smtpReceivedStatus = 'Received';

/** What the SMTP dialogue said, apart from the mail itself. */
export interface SmtpEnvelope {
  /** `MAIL FROM` ('' for the null sender `<>`). */
  from: string;
  /** Every `RCPT TO`, in order. */
  to: string[];
}

export interface SmtpDraftContext {
  now: Date;
  newId?: () => string;
}

/** The stored message for a mail received over SMTP: one message whatever the number of recipients. */
export function draftSmtpMessage(mail: ParsedSmtpMail, envelope: SmtpEnvelope, raw: Buffer, ctx: SmtpDraftContext): MessageDraft {
  const created = ctx.now.toISOString();
  const warnings: Warning[] = [];
  let fields: Pick<MessageDraft, 'from' | 'subject' | 'body' | 'text' | 'html' | 'attachments'> & { to: string[]; cc: string[] };
  let headers: [string, string][] = [];
  let messageId: string | null = null;
  if (mail.malformed) {
    warnings.push({
      code: 'smtp-malformed-mime',
      message: `The mail is not MIME (${mail.reason}); it is stored as received, its raw text as the body.`,
    });
    fields = { from: null, to: [], cc: [], subject: null, body: decodeText(raw), text: null, html: null, attachments: [] };
  } else {
    const { from, to, cc, subject, text, html, attachments } = mail;
    // An HTML-only mail's body is its text, so that the list, search and code reading see words, not markup.
    fields = { from, to, cc, subject, text, html, attachments, body: text ?? (html === null ? '' : htmlToText(html)) };
    headers = mail.headers;
    messageId = mail.messageId;
  }
  // Bcc recipients appear only in the envelope; every recipient is in `to`, each once (addresses compare
  // case-insensitively), as written where it was first seen.
  const to = dedupe([...fields.to, ...fields.cc, ...envelope.to]);
  const from = fields.from ?? (envelope.from === '' ? null : envelope.from);
  // The code and links are read out when the message is first read (`withAnalysis`), not here.
  return {
    id: (ctx.newId ?? randomUUID)(),
    channel: 'email',
    from,
    subject: fields.subject,
    body: fields.body,
    contentType: null,
    text: fields.text,
    html: fields.html,
    source: 'smtp',
    to,
    createdAt: created,
    updatedAt: created,
    expiresAt: null,
    status: smtpReceivedStatus,
    statusHistory: [{ status: smtpReceivedStatus, at: created }],
    order: null,
    warnings,
    attachments: fields.attachments,
    smtp: {
      envelopeFrom: envelope.from,
      envelopeTo: envelope.to,
      cc: fields.cc,
      headers,
      messageId,
      raw: raw.toString('latin1'),
    },
    fault: null,
  };
}

function dedupe(addresses: string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = recipientKey(address); // matched as the list's `to` filter matches them
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
