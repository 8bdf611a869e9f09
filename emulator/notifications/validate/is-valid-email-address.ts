import { trimDotnet } from './dotnet-whitespace.js';

/**
 * The "Altinn 2" email regex of `RecipientRules.IsValidEmail` (contract §3.3), written from the
 * contract's description. It keeps the source's HTML-entity artefacts: the quoted local part is
 * delimited by the literal text "&quot;" and may not contain any of `& q u o t ;`, and the atom
 * class contains `& a m p ;`, so ";" is allowed in the local part. The domain is 1–9 labels and a
 * 2–14 letter TLD, or an unchecked dotted quad. Digits are ASCII only here; .NET's `\d` also
 * accepts other Unicode digits in the dotted quad.
 */
const ALTINN2_EMAIL =
  /^(?:&quot;[^&quot;]+&quot;|[a-zA-Z0-9æøåÆØÅ!#$%&amp;'*+\-=?^_`{|}~]+(?:\.[a-zA-Z0-9æøåÆØÅ!#$%&amp;'*+\-=?^_`{|}~]+)*)@(?:(?:[a-zA-Z0-9æøåÆØÅ][a-zA-Z0-9\-æøåÆØÅ]{0,61}[a-zA-Z0-9æøåÆØÅ]\.|[a-zA-Z0-9æøåÆØÅ]\.){1,9}[a-zA-Z]{2,14}|[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})$/;

/** Trimmed (the .NET way) for the check only; the caller keeps the untrimmed value (§3.3 step 2). */
export function isValidEmailAddress(s: string): boolean {
  return s !== '' && ALTINN2_EMAIL.test(trimDotnet(s));
}
