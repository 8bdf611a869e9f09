/** Characters that are there only to shape or hide text (soft hyphen, zero-width joiners, preheader padding). */
const invisible = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const wideSpace = /[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
const dashes = /[\u2010-\u2015\u2212]/g;
const lineEnds = /\r\n?/g;
const repeatedSpaces = / {2,}/g;
const url = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"']+/gi;
const domainWithPath = /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}-]+\.)+[a-z]{2,}\/[^\s<>"']*/giu;
/** Starts only at the start of a run, so a long run without `@` is scanned once, not once per character. */
const emailAddress = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Stands in for a URL or address: not a word, not a digit separator, so no cluster or word runs across it. */
const mask = ' ¦ ';

/**
 * The text the code finder reads: one kind of space, one kind of dash, `\n` line ends, and URLs and email addresses
 * masked (their digits are never codes). Offsets into the result are what the finders report.
 */
export function prepareOtpText(text: string): string {
  return text
    .replace(invisible, '')
    .replace(wideSpace, ' ')
    .replace(dashes, '-')
    .replace(lineEnds, '\n')
    .replace(url, mask)
    .replace(emailAddress, mask)
    .replace(domainWithPath, mask)
    .replace(repeatedSpaces, ' ');
}
