import { codePointClass } from './code-point-class.js';

/** `[\p{L}\p{N}]` of a `u` regex, for one code point (or one UTF-16 unit, where a regex tested `text[i]`). */
export const isLetterOrNumber = codePointClass(/[\p{L}\p{N}]/u);
