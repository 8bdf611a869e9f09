import { codePointClass } from './code-point-class.js';

/** `\s` of a regex, for one UTF-16 unit. */
export const isWhiteSpace = codePointClass(/\s/);
