import type { AddressObject, EmailAddress, ParsedMail, SimpleParserOptions } from 'mailparser';
import type { Attachment } from '../store/message.js';
import { decodeText } from './decode-text.js';
import { headerProblem } from './header-problem.js';

/** What the emulator keeps of a mail that parsed as MIME. */
export interface ParsedMime {
  malformed: false;
  /** The first address of the `From` header, or null without one. */
  from: string | null;
  /** Addresses of `To` and `Cc`, groups flattened, as written in the headers. */
  to: string[];
  cc: string[];
  subject: string | null;
  /** The text part; null when the mail has none (an HTML-only mail). */
  text: string | null;
  html: string | null;
  headers: [string, string][];
  messageId: string | null;
  attachments: Attachment[];
}

/** A mail that is not MIME: the ingress stores it as received, with a warning. */
export interface MalformedMail {
  malformed: true;
  reason: string;
}

export type ParsedSmtpMail = ParsedMime | MalformedMail;

export interface MailParser {
  /** Never rejects: a mail mailparser cannot read comes back as malformed. */
  parse(raw: Buffer): Promise<ParsedSmtpMail>;
  /** Starts loading mailparser (~140 ms of import) ahead of the first mail. */
  preload(): void;
}

// cid links are kept (not inlined as data: URLs) so the HTML stays as sent and the image is stored once, as an
// attachment with its contentId; text is not derived from HTML here, so `text` says whether the mail had a text part.
const parserOptions: SimpleParserOptions = {
  keepCidLinks: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  checksumAlgo: false,
};

/** A parser of raw mail that imports mailparser on first use, once per parser (not at start-up: it is slow to load). */
export function createMailParser(): MailParser {
  let loading: Promise<typeof import('mailparser')> | null = null;
  const load = () => (loading ??= import('mailparser'));
  return {
    preload: () => void load().catch(() => undefined),
    async parse(raw) {
      const problem = headerProblem(raw);
      if (problem) return { malformed: true, reason: problem };
      const { simpleParser } = await load();
      let mail: ParsedMail;
      try {
        mail = await simpleParser(raw, parserOptions);
      } catch (err) {
        return { malformed: true, reason: `mailparser: ${(err as Error).message}` };
      }
      return toParsedMime(mail);
    },
  };
}

function toParsedMime(mail: ParsedMail): ParsedMime {
  const html = typeof mail.html === 'string' ? withoutFinalNewline(mail.html) : null;
  // With skipHtmlToText, an HTML-only mail parses to an empty text: that is "no text part", not an empty one.
  const text = mail.text === undefined || (mail.text === '' && html !== null) ? null : withoutFinalNewline(mail.text);
  return {
    malformed: false,
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject ?? null,
    text,
    html,
    headers: (mail.headerLines ?? []).map(({ line }) => headerField(line)),
    messageId: mail.messageId ?? null,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      // Without angle brackets: what a `cid:` URL in the HTML names.
      contentId: a.cid ?? null,
      content: a.content.toString('base64'),
    })),
  };
}

/**
 * SMTP ends every mail with a line break (RFC 5321 §4.1.1.4), which mailparser leaves on a single-part body: without
 * it, the text is what the sender's program was given (nodemailer's `text: 'Code 1'` comes back as `Code 1`).
 */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  const out: string[] = [];
  const visit = (entry: EmailAddress) => {
    if (entry.address) out.push(entry.address);
    entry.group?.forEach(visit);
  };
  for (const object of Array.isArray(field) ? field : [field]) object.value.forEach(visit);
  return out;
}

/** `Name: value` as received, unfolded; mailparser hands the line over one char per byte, so it is decoded here. */
function headerField(line: string): [string, string] {
  const text = /[^\x00-\x7f]/.test(line) ? decodeText(Buffer.from(line, 'latin1')) : line;
  const colon = text.indexOf(':');
  if (colon < 0) return [text.trim(), ''];
  return [text.slice(0, colon).trim(), text.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '').trim()];
}
