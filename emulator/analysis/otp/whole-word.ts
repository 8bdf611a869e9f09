/** A regex that matches a whole lower-case word from the list; entries may be regex fragments (`ordre\S*`). */
export function wholeWord(words: readonly string[]): RegExp {
  return new RegExp(`^(?:${words.join('|')})$`, 'u');
}
