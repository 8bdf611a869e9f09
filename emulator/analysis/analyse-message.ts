import type { Message, Warning } from '../store/message.js';
import { analyseEmail } from './analyse-email.js';
import { analyseSms } from './analyse-sms.js';

/** What analysis reads of a message, whichever way it came in (`contentType` is null but for API email). */
export type MessageContent = Pick<Message, 'channel' | 'from' | 'subject' | 'body' | 'contentType' | 'text' | 'html'>;

export type MessageAnalysis = Pick<Message, 'otp' | 'links' | 'segments' | 'encoding' | 'altinnSegments'> & {
  /** Content warnings of product §1.3 (segments, UCS-2, sender length, content type); the caller adds its own. */
  warnings: Warning[];
};

/** Everything the emulator reads out of a message (product §5): pure, cheap enough for the order's hot path. */
export function analyseMessage(content: MessageContent): MessageAnalysis {
  return content.channel === 'sms' ? analyseSms(content) : analyseEmail(content);
}
