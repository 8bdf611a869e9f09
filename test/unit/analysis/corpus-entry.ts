import { readFileSync } from 'node:fs';
import type { MessageContent } from '../../../emulator/analysis/analyse-message.js';

/** One message of fixtures/otp/corpus.json. */
export interface CorpusEntry {
  id: string;
  channel: 'sms' | 'email';
  lang: 'nb' | 'nn' | 'en';
  format: 'plain' | 'html';
  subject?: string;
  body: string;
  expected: string | null;
  note: string;
}

export function readCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(new URL('../../../fixtures/otp/corpus.json', import.meta.url), 'utf8')) as CorpusEntry[];
}

/** The entry as an accepted order would hand it to analyseMessage (API SMS, or API email with its content type). */
export function toContent(entry: CorpusEntry): MessageContent {
  if (entry.channel === 'sms') {
    return { channel: 'sms', from: 'Altinn', subject: null, body: entry.body, contentType: null, text: null, html: null };
  }
  const html = entry.format === 'html';
  return {
    channel: 'email',
    from: 'noreply@altinn.cloud',
    subject: entry.subject ?? null,
    body: entry.body,
    contentType: html ? 'Html' : 'Plain',
    text: html ? null : entry.body,
    html: html ? entry.body : null,
  };
}
