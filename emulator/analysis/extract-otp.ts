import { findAlphanumericCandidates } from './otp/alphanumeric-candidates.js';
import type { Candidate } from './otp/candidate.js';
import { findKeywords } from './otp/keywords.js';
import { findNumericCandidates } from './otp/numeric-candidates.js';
import { prepareOtpText } from './otp/prepare-otp-text.js';
import { readWebOtp } from './otp/read-web-otp.js';

export interface OtpResult {
  /** The best candidate. */
  code: string;
  /** Every candidate, best first, each once. */
  candidates: string[];
}

/** Beyond this keyword distance (see keywordDistance) a number counts as having no keyword at all. */
const maxAnchorDistance = 12;
/**
 * A number with no keyword near is a (weaker) candidate only in a short text, about one SMS: in anything longer it
 * is far more likely a figure of some other kind than an unannounced code.
 */
const shortText = 200;
/**
 * Only the start of a text is searched (the WebOTP last line excepted): codes sit near the top, and Altinn takes bodies
 * of any length (contract §2.1), so the cost per message must be bounded. The SMTP side passes at most as much.
 */
const searchedChars = 64 * 1024;

/**
 * The one-time code of a message (product §5). Candidates are 4–8 digit codes, also grouped (`482 913`, `482-913`),
 * and alphanumeric codes right next to a keyword; numbers that are phone numbers, dates, times, amounts, references,
 * postal codes, years, or parts of URLs and addresses are left out. Ranked by nearness to a keyword (nb, nn, en),
 * then by position; a WebOTP last line (`@host #code`) wins over everything. Null when there is no candidate.
 */
export function extractOtp(text: string): OtpResult | null {
  if (!text) return null;
  const webOtp = readWebOtp(text);
  const prepared = prepareOtpText((webOtp ? webOtp.rest : text).slice(0, searchedChars));
  const keywords = findKeywords(prepared);
  const found = [...findNumericCandidates(prepared, keywords), ...findAlphanumericCandidates(prepared, keywords)];
  const short = prepared.length <= shortText;
  const ranked = found
    .map((c): Candidate => (c.distance > maxAnchorDistance ? { ...c, distance: Infinity } : c))
    .filter((c) => c.distance !== Infinity || short)
    .sort((a, b) => a.distance - b.distance || a.start - b.start);
  const codes = new Set<string>(webOtp ? [webOtp.code] : []);
  for (const candidate of ranked) codes.add(candidate.code);
  if (codes.size === 0) return null;
  const candidates = [...codes];
  return { code: candidates[0]!, candidates };
}
