import { decodeHtmlEntities } from './decode-html-entities.js';

/**
 * Comments, and elements whose content is not text. An unclosed one runs to the end, as in a browser; that also keeps
 * a body of many unclosed `<script>` linear. Tags use `[^<>]*`, not `[^>]*`, for the same reason (`<a<a<a…`).
 */
const dropped = /<!--[\s\S]*?(?:-->|$)|<(script|style|head|template|noscript)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const lineBreak = /<br\b[^<>]*>/gi;
const blockElements = [
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h[1-6]', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'title', 'tr', 'ul',
];
const blockTag = new RegExp(`<\\/?(?:${blockElements.join('|')})\\b[^<>]*>`, 'gi');
const anyTag = /<\/?[a-zA-Z!][^<>]*>/g;
/**
 * In HTML a line break in the source is just a space (we ignore `<pre>`, which mail rarely uses for codes): every run
 * of white space becomes one space. The pattern leaves out the runs that are one space already, which are most of
 * them, so that they cost no replacement.
 */
const sourceWhitespace = /[^\S ]\s*| \s+/g;
/** Every run of horizontal space becomes one space; again the runs that are one space already are left out. */
const horizontalSpace =
  /[\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000][ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]*| [ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
/** ` \n`, `\n ` and ` \n ` become `\n` (a bare `\n` would become itself). */
const spaceAroundNewline = / \n ?|\n /g;
const manyNewlines = /\n{3,}/g;

/**
 * The readable text of an HTML body, so that codes in HTML-only mail are found: scripts, styles and the head are
 * dropped, block elements become line breaks, every other tag a space (so `<td>4</td><td>8</td>` stays two digits),
 * and character references are decoded. Not a renderer: good enough to read a one-time code, not to show the mail.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(dropped, ' ')
    .replace(sourceWhitespace, ' ')
    .replace(lineBreak, '\n')
    .replace(blockTag, '\n')
    .replace(anyTag, ' ');
  return decodeHtmlEntities(text)
    .replace(horizontalSpace, ' ')
    .replace(spaceAroundNewline, '\n')
    .replace(manyNewlines, '\n\n')
    .trim();
}
