import { decodeHtmlEntities } from '../analysis/decode-html-entities.js';

/**
 * Readable text of an HTML body, for the `body` of an HTML-only mail (what the list, search and OTP reading use).
 * Small on purpose: tags dropped, blocks and `<br>` as line breaks, script/style/head content skipped, entities
 * decoded. One pass with indexOf and no backtracking regex, so a hostile 10 MB body costs linear time.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  // Line breaks owed before the next text: blocks ask for one (a row, a list item) or two (a paragraph), and
  // neighbouring blocks share theirs, while each <br> adds one.
  let owed = 0;
  const text = (t: string) => {
    if (owed > 0 && t.trim() !== '') {
      parts.push('\n'.repeat(owed));
      owed = 0;
    }
    parts.push(t);
  };
  let i = 0;
  // The last '>' found, reused while it lies ahead (Infinity: there is none): a run of stray '<' stays linear.
  let gt = -1;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(inlineText(html.slice(i)));
      break;
    }
    if (lt > i) text(inlineText(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (gt <= lt) {
      gt = html.indexOf('>', lt + 1);
      if (gt < 0) gt = Infinity;
    }
    const name = gt === Infinity ? null : tagName.exec(html.slice(lt + 1, Math.min(gt, lt + 12)));
    if (!name) {
      text('<'); // a '<' that opens no tag is text
      i = lt + 1;
      continue;
    }
    const tag = name[2].toLowerCase();
    const closing = name[1] === '/';
    i = gt + 1;
    if (!closing && skipped.has(tag)) {
      const close = new RegExp(`</${tag}\\s*>`, 'gi');
      close.lastIndex = i;
      i = close.exec(html) ? close.lastIndex : html.length;
    } else if (tag === 'br') {
      owed++;
    } else if (paragraphs.has(tag)) {
      owed = Math.max(owed, 2);
    } else if (lines.has(tag)) {
      owed = Math.max(owed, 1);
      if (tag === 'li' && !closing) text('- ');
    } else if ((tag === 'td' || tag === 'th') && !closing && owed === 0) {
      text(' '); // cells apart: `<td>4</td><td>8</td>` is two figures, not 48
    }
  }
  return parts
    .join('')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

const tagName = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)/;
const skipped = new Set(['script', 'style', 'head', 'title', 'template', 'noscript']);
const paragraphs = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'blockquote', 'pre', 'hr']);
const lines = new Set(['div', 'li', 'tr', 'dd', 'dt', 'section', 'article', 'header', 'footer', 'address', 'figure', 'form', 'center']);

/** Text between tags: entities decoded, white space collapsed as a browser would (a no-break space too). */
function inlineText(text: string): string {
  return decodeHtmlEntities(text).replace(/[ \t\r\n\f\u00a0]+/g, ' ');
}
