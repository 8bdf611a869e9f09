import type { Channel, Message, Warning } from '../store/message.js';
import { analyseEmail } from './analyse-email.js';
import { analyseSms } from './analyse-sms.js';

/** What analysis reads of a message, whichever way it came in. */
export interface MessageContent {
  channel: Channel;
  from: string | null;
  subject: string | null;
  /** As submitted (SMS text, or the email body of an API order). */
  body: string;
  /** API email only: the declared content type; null for SMS and SMTP mail. */
  contentType: 'Plain' | 'Html' | null;
  text: string | null;
  html: string | null;
}

export type MessageAnalysis = Pick<Message, 'otp' | 'links' | 'segments' | 'encoding' | 'altinnSegments'> & {
  /** Content warnings of product §1.3 (segments, UCS-2, sender length, content type); the caller adds its own. */
  warnings: Warning[];
};

/** Everything the emulator reads out of a message (product §5): pure, cheap enough for the order's hot path. */
export function analyseMessage(content: MessageContent): MessageAnalysis {
  return content.channel === 'sms' ? analyseSms(content) : analyseEmail(content);
}
