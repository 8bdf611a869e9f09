import { findAlphanumericCandidates } from './otp/alphanumeric-candidates.js';
import type { Candidate } from './otp/candidate.js';
import { findKeywords, mentionsStandingSecret } from './otp/keywords.js';
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
const asciiDigit = /[0-9]/;

/**
 * The one-time code of a message (product §5). Candidates are 4–8 digit codes, also grouped (`482 913`, `482-913`),
 * and alphanumeric codes right next to a keyword; numbers that are phone numbers, dates, times, amounts, references,
 * postal codes, years, or parts of URLs and addresses are left out. Ranked by nearness to a keyword (nb, nn, en),
 * then by position; a WebOTP last line (`@host #code`) wins over everything. Null when there is no candidate.
 */
export function extractOtp(text: string): OtpResult | null {
  if (!text) return null;
  const webOtp = readWebOtp(text);
  const ranked = rankedCandidates((webOtp ? webOtp.rest : text).slice(0, searchedChars));
  const codes = new Set<string>();
  if (webOtp) codes.add(webOtp.code);
  for (const candidate of ranked) codes.add(candidate.code);
  if (codes.size === 0) return null;
  const candidates = [...codes];
  return { code: candidates[0]!, candidates };
}

/** The candidates of a text, best first, each as often as it occurs. */
function rankedCandidates(text: string): Candidate[] {
  const ranked: Candidate[] = [];
  if (!asciiDigit.test(text)) return ranked; // every candidate has a digit, and preparing the text adds none
  const prepared = prepareOtpText(text);
  const keywords = findKeywords(prepared);
  // A short text about a door, a voicemail box or a gift card holds standing codes: a number with no keyword is not one.
  const short = prepared.length <= shortText && !mentionsStandingSecret(prepared);
  if (!short && keywords.length === 0) return ranked; // nothing is anchored, and only a short text takes the rest
  // In a longer text a candidate further than maxAnchorDistance is dropped: the finders leave it out straight away.
  const numeric = findNumericCandidates(prepared, keywords, short ? Infinity : maxAnchorDistance);
  addRanked(ranked, numeric, short);
  addRanked(ranked, findAlphanumericCandidates(prepared, keywords), short);
  if (ranked.length > 1) ranked.sort((a, b) => a.distance - b.distance || a.start - b.start);
  return ranked;
}

/** Anchored candidates as they are; the rest, only in a short text, as having no keyword at all. */
function addRanked(ranked: Candidate[], found: readonly Candidate[], short: boolean): void {
  for (const c of found) {
    if (c.distance <= maxAnchorDistance) ranked.push(c);
    else if (short) ranked.push(c.distance === Infinity ? c : { ...c, distance: Infinity });
  }
}
