/**
 * A test of one code point (or lone surrogate) against a one-character regex such as `/[\p{L}\p{N}]/u`, answering
 * exactly as the regex does: Latin-1 from a table built with the regex itself, the rest by the regex. The scanners use
 * it to walk over the characters a regex would match without running a Unicode-property regex at every position.
 * The flags matter: under `iu` a class is closed under case folding (`[\p{L}]` then also takes U+0345).
 */
export function codePointClass(oneCharacter: RegExp): (codePoint: number) => boolean {
  if (oneCharacter.global || oneCharacter.sticky) throw new Error('codePointClass needs a regex without g or y');
  const latin1 = new Uint8Array(256);
  for (let c = 0; c < 256; c++) latin1[c] = oneCharacter.test(String.fromCharCode(c)) ? 1 : 0;
  return (codePoint) => (codePoint < 256 ? latin1[codePoint] === 1 : oneCharacter.test(String.fromCodePoint(codePoint)));
}
