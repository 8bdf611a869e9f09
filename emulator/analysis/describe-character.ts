/** Characters that slip into SMS texts from word processors and phones, with their GSM-7 stand-in. */
const known: Readonly<Record<string, { name: string; instead: string }>> = {
  '’': { name: 'a curly apostrophe', instead: "'" },
  '‘': { name: 'a curly quote', instead: "'" },
  '‚': { name: 'a low curly quote', instead: "'" },
  '“': { name: 'a curly quote', instead: '"' },
  '”': { name: 'a curly quote', instead: '"' },
  '„': { name: 'a low curly quote', instead: '"' },
  '«': { name: 'a guillemet', instead: '"' },
  '»': { name: 'a guillemet', instead: '"' },
  '–': { name: 'an en dash', instead: '-' },
  '—': { name: 'an em dash', instead: '-' },
  '…': { name: 'an ellipsis', instead: '...' },
  '•': { name: 'a bullet', instead: '-' },
  '\u00a0': { name: 'a non-breaking space', instead: ' ' },
  '\u200b': { name: 'a zero-width space', instead: '' },
  '\t': { name: 'a tab', instead: ' ' },
  'ç': { name: 'a lower-case c with cedilla', instead: 'Ç' },
};
const pictographic = /\p{Extended_Pictographic}/u;

/** `"’" (U+2019, a curly apostrophe)`: how a warning names a character. */
export function describeCharacter(ch: string): string {
  const codePoint = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = known[ch]?.name ?? (pictographic.test(ch) ? 'an emoji' : null);
  const shown = ch.trim() === '' ? '' : `"${ch}" `;
  return name ? `${shown}(${codePoint}, ${name})` : `${shown}(${codePoint})`;
}

/** The GSM-7 stand-in for a character, or '' to drop it (emoji and anything else without one). */
export function gsmStandIn(ch: string): string {
  return known[ch]?.instead ?? '';
}
