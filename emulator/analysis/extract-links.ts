import { decodeHtmlEntities } from './decode-html-entities.js';

const bareUrl = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = '.,;:!?)';
/**
 * Comments, scripts and styles (skipped) or one tag; the text between them is searched for bare URLs. Unclosed ones
 * run to the end and tags exclude `<`, so hostile input stays linear (see html-to-text.ts). Every token starts with
 * `<`, so it is tried only at each `<` (sticky: its lastIndex is set right before each use), as is linkTag.
 */
const htmlToken = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?[a-zA-Z!][^<>]*>/iy;
/** `<a` or `<area` and white space, at the start of a token (where it can only be a tag). */
const linkTag = /<(?:a|area)\s/iy;
const hrefAttribute = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const httpScheme = /^https?:\/\//i;
/** What browsers strip from an href before parsing it (URL standard: leading/trailing C0 and space; tabs, newlines). */
const hrefNoise = /^[\u0000-\u0020]+|[\u0000-\u0020]+$|[\t\n\r]/g;

/**
 * Unique http(s) URLs in order of appearance: bare URLs in the text, then the `href`s of links and the bare URLs in
 * the HTML (in document order). Bare URLs lose trailing sentence punctuation, but a `)` that closes a `(` inside the
 * URL stays (`https://en.wikipedia.org/wiki/Oslo_(city)`).
 */
export function extractLinks(text: string | null, html: string | null): string[] {
  const found = new Set<string>();
  if (text) addBareUrls(text, found);
  if (html) addHtmlLinks(html, found);
  return [...found];
}

function addBareUrls(text: string, found: Set<string>): void {
  if (!text.includes('://')) return; // most text between tags holds no URL: skip the scan
  for (const match of text.matchAll(bareUrl)) {
    const url = trimUrl(match[0]);
    if (url.length > url.indexOf('//') + 2) found.add(url);
  }
}

function addHtmlLinks(html: string, found: Set<string>): void {
  const gaps = { html, found, ampersand: html.indexOf('&'), url: html.indexOf('://') };
  let last = 0;
  for (let at = html.indexOf('<'); at !== -1; ) {
    htmlToken.lastIndex = at;
    if (!htmlToken.test(html)) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    const end = htmlToken.lastIndex;
    if (at > last) addGap(gaps, last, at);
    last = end;
    linkTag.lastIndex = at;
    if (linkTag.test(html)) addHref(html.slice(at, end), found);
    at = html.indexOf('<', end);
  }
  addGap(gaps, last, html.length);
}

/**
 * The bare URLs of the text between two tokens, decoded. A URL needs `://`, and decoding only adds one through a
 * reference: a stretch with neither `://` nor `&` is skipped without being copied (the next of each is kept).
 */
function addGap(gaps: { html: string; found: Set<string>; ampersand: number; url: number }, from: number, to: number): void {
  if (gaps.ampersand !== -1 && gaps.ampersand < from) gaps.ampersand = gaps.html.indexOf('&', from);
  if (gaps.url !== -1 && gaps.url < from) gaps.url = gaps.html.indexOf('://', from);
  const hasAmpersand = gaps.ampersand !== -1 && gaps.ampersand < to;
  const hasUrl = gaps.url !== -1 && gaps.url < to;
  if (hasAmpersand || hasUrl) addBareUrls(decodeHtmlEntities(gaps.html.slice(from, to)), gaps.found);
}

function addHref(tag: string, found: Set<string>): void {
  const href = hrefAttribute.exec(tag);
  if (!href) return;
  const url = decodeHtmlEntities(href[1] ?? href[2] ?? href[3] ?? '').replace(hrefNoise, '');
  if (httpScheme.test(url)) found.add(url);
}

function trimUrl(url: string): string {
  let end = url.length;
  const opens = count(url, '(');
  let closes = count(url, ')');
  while (end > 0 && trailingPunctuation.includes(url[end - 1]!)) {
    if (url[end - 1] === ')') {
      if (closes <= opens) break; // it closes a "(" inside the URL: part of it
      closes--;
    }
    end--;
  }
  return url.slice(0, end);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}
