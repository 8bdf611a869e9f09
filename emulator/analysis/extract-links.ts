import { decodeHtmlEntities } from './decode-html-entities.js';

const bareUrl = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = '.,;:!?)';
/**
 * Comments, scripts and styles (skipped) or one tag; the text between them is searched for bare URLs. Unclosed ones
 * run to the end and tags exclude `<`, so hostile input stays linear (see html-to-text.ts).
 */
const htmlToken = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?[a-zA-Z!][^<>]*>/gi;
const linkTag = /^<(?:a|area)\s/i;
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
  if (!text.includes(':')) return; // most text between tags holds no URL: skip the scan
  for (const match of text.matchAll(bareUrl)) {
    const url = trimUrl(match[0]);
    if (url.length > url.indexOf('//') + 2) found.add(url);
  }
}

function addHtmlLinks(html: string, found: Set<string>): void {
  let last = 0;
  for (const match of html.matchAll(htmlToken)) {
    if (match.index > last) addBareUrls(decodeHtmlEntities(html.slice(last, match.index)), found);
    last = match.index + match[0].length;
    const tag = match[0];
    if (!linkTag.test(tag)) continue;
    const href = hrefAttribute.exec(tag);
    if (!href) continue;
    const url = decodeHtmlEntities(href[1] ?? href[2] ?? href[3] ?? '').replace(hrefNoise, '');
    if (httpScheme.test(url)) found.add(url);
  }
  addBareUrls(decodeHtmlEntities(html.slice(last)), found);
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
