import { codePointClass } from './code-point-class.js';
import { runStartBefore } from './run-start-before.js';

/** Characters that are there only to shape or hide text (soft hyphen, zero-width joiners, preheader padding). */
const invisible = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
/** Wide spaces (to a space), dashes (to `-`) and line ends (to `\n`). */
const spaceDashOrLineEnd = /[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212]|\r\n?/g;
/** Any character of the classes above (exactly their union): most texts have none, and the passes are skipped. */
const unusual = /[\t\r\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u2015\u202a-\u202f\u205f-\u2064\u2212\u3000\ufeff]/;
const unusualCharacter = new RegExp(unusual.source, 'g');
const repeatedSpaces = / {2,}/g;
const url = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"']+/gi;
/**
 * `host.tld/path`, tried only where it can start (see maskRunsBefore): at the start of the run of `[\p{L}\p{N}.-]`
 * that ends at a `/`. Sticky, and its lastIndex is always set right before use.
 */
const domainWithPath = /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}-]+\.)+[a-z]{2,}\/[^\s<>"']*/iuy;
const isDomainCharacter = codePointClass(/[\p{L}\p{N}.-]/iu);
/** `local@domain`, tried only at the start of the run of local-part characters that ends at an `@`. */
const emailAddress = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;
const isLocalPartCharacter = codePointClass(/[\p{L}\p{N}._%+-]/u);
/** Stands in for a URL or address: not a word, not a digit separator, so no cluster or word runs across it. */
const mask = ' ¦ ';

/**
 * The text the code finder reads: one kind of space, one kind of dash, `\n` line ends, and URLs and email addresses
 * masked (their digits are never codes). Offsets into the result are what the finders report.
 */
export function prepareOtpText(text: string): string {
  let prepared = text;
  if (unusual.test(prepared)) {
    // Invisible characters go first, so that `\r<soft hyphen>\n` is one line end; without a `\r` every replacement
    // is of one character by at most one, independent of its neighbours, and one pass does them all.
    prepared = prepared.includes('\r')
      ? prepared.replace(invisible, '').replace(spaceDashOrLineEnd, normalised)
      : prepared.replace(unusualCharacter, normalised);
  }
  prepared = prepared.replace(url, mask);
  prepared = maskRunsBefore(prepared, '@', emailAddress, isLocalPartCharacter);
  prepared = maskRunsBefore(prepared, '/', domainWithPath, isDomainCharacter);
  return prepared.includes('  ') ? prepared.replace(repeatedSpaces, ' ') : prepared;
}

/** What an unusual character (or `\r\n`) becomes: a space, a `-`, a `\n`, or nothing for an invisible one. */
function normalised(match: string): string {
  const c = match.charCodeAt(0);
  if (c === 0x0d) return '\n';
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) return '-';
  if (c === 0x09 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) return ' ';
  return '';
}

/**
 * `text.replace(pattern, mask)` for a global form of `sticky`, where every match starts at the start of a run of
 * `member` characters that ends at `anchor` (the look-behind rejects any later start; the anchor is no member). So
 * the pattern is tried only there, once per anchor, instead of at every position with its Unicode classes: a text
 * without the anchor costs one `indexOf`.
 */
function maskRunsBefore(text: string, anchor: string, sticky: RegExp, member: (codePoint: number) => boolean): string {
  let out = '';
  let copied = 0;
  let searchFrom = 0; // where the global regex would go on searching: the end of the last match
  for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, Math.max(at + 1, searchFrom))) {
    const start = runStartBefore(text, at, member);
    if (start === at || start < searchFrom) continue;
    sticky.lastIndex = start;
    if (!sticky.test(text)) continue;
    out += text.slice(copied, start) + mask;
    copied = searchFrom = sticky.lastIndex;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
