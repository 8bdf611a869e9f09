import { altinnSegmentsOfLength } from './altinn-segments.js';
import type { MessageAnalysis, MessageContent } from './analyse-message.js';
import { extractLinks } from './extract-links.js';
import { extractOtp } from './extract-otp.js';
import { scanSmsBody } from './scan-sms-body.js';
import { smsContentWarnings } from './sms-content-warnings.js';
import { smsEncodingOfScan } from './sms-encoding.js';

/** Code, links, encoding, both segment figures and the SMS warnings of one SMS. */
export function analyseSms(content: MessageContent): MessageAnalysis {
  const scan = scanSmsBody(content.body); // one pass for both figures
  const encoding = smsEncodingOfScan(content.body, scan.septets, scan.firstNonGsm);
  const altinnFigure = altinnSegmentsOfLength(scan.urlEncodedLength);
  return {
    otp: extractOtp(content.body),
    links: extractLinks(content.body, null),
    segments: encoding.segments,
    encoding: encoding.encoding,
    altinnSegments: altinnFigure,
    warnings: smsContentWarnings(content.body, content.from, encoding, altinnFigure),
  };
}
