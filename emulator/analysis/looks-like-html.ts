/** Elements that make a body HTML when they appear in it; a stray `<` in prose, or `<kode>`, does not. */
const htmlElements = [
  'html', 'head', 'body', 'p', 'div', 'span', 'br', 'a', 'b', 'i', 'u', 'em', 'strong', 'table', 'tr', 'td', 'th', 'tbody',
  'thead', 'ul', 'ol', 'li', 'h[1-6]', 'img', 'font', 'center', 'style', 'meta', 'title', 'blockquote', 'pre', 'hr',
  'section', 'article', 'header', 'footer', 'small', 'sup', 'sub',
];
const htmlElement = new RegExp(`<(?:!doctype\\s+html|\\/?(?:${htmlElements.join('|')})(?:\\s[^<>]*)?\\/?)>`, 'i');

/** Any tag at all, for the other direction: a body declared HTML with none of these is plain text. */
const anyTag = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<!--/;

/** True when the text contains a recognisable HTML element. */
export function looksLikeHtml(text: string): boolean {
  return htmlElement.test(text);
}

/** True when the text contains any tag or comment. */
export function hasAnyTag(text: string): boolean {
  return anyTag.test(text);
}
