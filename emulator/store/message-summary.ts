import { withAnalysis } from '../analysis/with-analysis.js';
import type { Attachment, Message, SmtpDetails, StoredMessage } from './message.js';

/** A message without the bulk of a mail: see `messageSummary`. */
export type MessageSummary = Omit<Message, 'smtp' | 'attachments'> & {
  smtp: Omit<SmtpDetails, 'raw'> | null;
  attachments: Omit<Attachment, 'content'>[];
};

/**
 * A message as lists and the event stream carry it: everything but `smtp.raw` and attachment contents, which can be
 * megabytes each. `GET /_emulator/messages/{id}` (and `/raw`) give the whole message. A message without either is
 * returned as it is, so API messages cost nothing. The message is analysed first (`withAnalysis`).
 */
export function messageSummary(stored: StoredMessage): MessageSummary {
  const message = withAnalysis(stored);
  if (message.smtp === null && message.attachments.length === 0) return message;
  let smtp: MessageSummary['smtp'] = null;
  if (message.smtp !== null) {
    const { raw: _raw, ...rest } = message.smtp;
    smtp = rest;
  }
  return { ...message, smtp, attachments: message.attachments.map(({ content: _content, ...rest }) => rest) };
}
