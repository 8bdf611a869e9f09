/**
 * What libphonenumber-csharp 9.0.35 (`PhoneNumberUtil.ParseHelper` with no default region, as
 * Altinn calls it) has made of a number by the time it looks for the country calling code: "+"
 * and ASCII digits, or null where C# has already thrown a `NumberParseException`. From that point
 * on C# and Google's JS port run the same algorithm on the same ASCII digits, so handing this
 * result to the JS port reproduces C#. Before it the two ports differ on text that is not ASCII:
 *
 * - C# trims trailing characters that are neither letters nor decimal digits in Unicode terms nor
 *   '#' (`PhoneNumberMatcher.TrimAfterUnwantedChars`: `char.IsLetterOrDigit`); the JS port's
 *   `UNWANTED_END_CHAR_PATTERN_` trims every letter that is not ASCII too. "+4799999999é" so keeps
 *   its "é" in C#, and the viability pattern, which allows ASCII letters only, then rejects it.
 * - C#'s digits are `\p{Nd}` everywhere (start, viability, extension) and `NormalizeDigits` turns
 *   each into its ASCII digit (`char.GetNumericValue`); the JS port knows only ASCII, full-width,
 *   Arabic-Indic and Extended Arabic-Indic digits.
 * - C# compiles the viability and extension patterns with `RegexOptions.IgnoreCase`, whose case
 *   forms come from .NET's own table (`RegexCaseEquivalences`), not from JavaScript's: for the
 *   letters used here they are the usual pairs plus the Kelvin sign U+212A for 'k'/'K' (in every
 *   culture). 'İ' would join 'i'/'I' only under a non-invariant culture; the API runs in an Alpine
 *   image without ICU, where the culture is the invariant one. The patterns below spell the case
 *   forms out instead of using the `i` flag.
 *
 * .NET strings are UTF-16 and its regexes and `char` tests look at one code unit at a time, so a
 * character outside the BMP is two surrogates that are neither letters, digits nor punctuation.
 * Every surrogate is replaced by U+FFFF (which is none of those either) before the `u`-flag
 * patterns below, which would otherwise see a pair as one code point.
 */
export function normalizeLikeCsharp(numberToParse: string): string | null {
  if (numberToParse.length > MAX_INPUT_STRING_LENGTH) return null;
  const national = buildNationalNumberForParsing(numberToParse.replace(/[\uD800-\uDFFF]/g, '\uFFFF'));
  if (national === null || !isViablePhoneNumber(national)) return null;
  // `CheckRegionForParsing`: without a default region the number must start with a plus sign.
  if (!isPlusChar(national.charCodeAt(0))) return null;
  // `MaybeStripInternationalPrefixAndNormalize`: the leading plus signs go, the rest is normalised.
  const digits = normalize(maybeStripExtension(national).replace(/^[+\uFF0B]+/, ''));
  // `MaybeExtractCountryCode`: TOO_SHORT_AFTER_IDD.
  return digits.length <= MIN_LENGTH_FOR_NSN ? null : `+${digits}`;
}

const MAX_INPUT_STRING_LENGTH = 250;
const MIN_LENGTH_FOR_NSN = 2;
const RFC3966_PHONE_CONTEXT = ';phone-context=';
const RFC3966_PREFIX = 'tel:';
const RFC3966_ISDN_SUBADDRESS = ';isub=';

const DIGIT = '\\p{Nd}';
/** .NET's `$` without `RegexOptions.Multiline`: the end, or just before a final "\n". */
const END = '(?=\\n?$)';
/** `VALID_PUNCTUATION`, plus 'X', the other case of its 'x'. */
const PUNCTUATION =
  '\\-xX\\u2010-\\u2015\\u2212\\u30FC\\uFF0D-\\uFF0F \\u00A0\\u00AD\\u200B\\u2060\\u3000()\\uFF08\\uFF09\\uFF3B\\uFF3D.\\[\\]/~\\u2053\\u223C\\uFF5E';
/** `VALID_ALPHA` ("A-Za-z") under `IgnoreCase`: the Kelvin sign is a case form of 'k'. */
const ALPHA_IGNORE_CASE = 'A-Za-z\\u212A';

/**
 * Each letter of `literal` as a class of its case forms. None of the letters used below has a
 * third form in .NET's invariant table (only 'k' does, and no extension label contains a 'k').
 */
function ignoreCase(literal: string): string {
  return [...literal]
    .map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`))
    .join('');
}

const extensionDigits = (max: number): string => `(${DIGIT}{1,${max}})`;
const SEPARATORS_BEFORE_LABEL = '[ \\u00A0\\t,]*';
const CHARS_AFTER_LABEL = '[:.\\uFF0E]?[ \\u00A0\\t,\\-]*';
const EXPLICIT_LABELS =
  `(?:${ignoreCase('e')}?${ignoreCase('xt')}(?:${ignoreCase('ensi')}(?:${ignoreCase('o')}\\u0301?|${ignoreCase('\u00F3')}))?${ignoreCase('n')}?` +
  `|${ignoreCase('\uFF45')}?${ignoreCase('\uFF58\uFF54')}${ignoreCase('\uFF4E')}?|${ignoreCase('\u0434\u043E\u0431')}|${ignoreCase('anexo')})`;
const AMBIGUOUS_LABELS = `(?:[xX\\uFF58\\uFF38#\\uFF03~\\uFF5E]|${ignoreCase('int')}|${ignoreCase('\uFF49\uFF4E\uFF54')})`;

/** `ExtnPatternsForParsing`: six alternatives, each with one capturing group for the digits. */
const EXTENSION = [
  `;${ignoreCase('ext')}=${extensionDigits(20)}`,
  `${SEPARATORS_BEFORE_LABEL}${EXPLICIT_LABELS}${CHARS_AFTER_LABEL}${extensionDigits(20)}#?`,
  `${SEPARATORS_BEFORE_LABEL}${AMBIGUOUS_LABELS}${CHARS_AFTER_LABEL}${extensionDigits(9)}#?`,
  `[\\- ]+${extensionDigits(6)}#`,
  `[ \\u00A0\\t]*(?:,{2}|;)${CHARS_AFTER_LABEL}${extensionDigits(15)}#?`,
  `[ \\u00A0\\t]*(?:,)+${CHARS_AFTER_LABEL}${extensionDigits(9)}#?`,
].join('|');

/** `ValidPhoneNumberPattern.IsMatchAll`: `^(?:` validPhoneNumber `(?:` extension `)?)$`. */
const VIABLE_PHONE_NUMBER = new RegExp(
  `^(?:${DIGIT}{2}|[+\\uFF0B]*(?:[${PUNCTUATION}*]*${DIGIT}){3,}[${PUNCTUATION}*${ALPHA_IGNORE_CASE}${DIGIT}]*(?:${EXTENSION})?)${END}`,
  'u',
);
/** `ExtnPattern`: an extension at the end. */
const EXTENSION_AT_END = new RegExp(`(?:${EXTENSION})${END}`, 'u');
const VALID_START_CHAR = /[+\uFF0B\p{Nd}]/u;
const SECOND_NUMBER_START = /[\\/] *x/;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
/**
 * `RFC3966_GLOBAL_NUMBER_DIGITS` and `RFC3966_DOMAINNAME` (case-sensitive), rewritten without
 * their nested quantifiers, which match the same strings but can backtrack exponentially in a
 * JavaScript engine: "(\p{Nd}|[\-\.\(\)]?)*" is "[\p{Nd}\-.()]*", and a label
 * "[x]+((\-)*[x])*" is "[x](?:[x\-]*[x])?".
 */
const GLOBAL_NUMBER_DIGITS = new RegExp(`^\\+[${DIGIT}\\-.()]*${DIGIT}[${DIGIT}\\-.()]*${END}`, 'u');
const DOMAIN_NAME = new RegExp(
  `^(?:[A-Za-z${DIGIT}](?:[A-Za-z${DIGIT}\\-]*[A-Za-z${DIGIT}])?\\.)*[A-Za-z](?:[A-Za-z${DIGIT}\\-]*[A-Za-z${DIGIT}])?\\.?${END}`,
  'u',
);

const isPlusChar = (c: number): boolean => c === 0x2b || c === 0xff0b;

/**
 * `BuildNationalNumberForParsing`: RFC 3966 handling, else `ExtractPossibleNumber`. Null for an
 * invalid phone-context value (`NOT_A_NUMBER`), and where C# would fail outside libphonenumber's
 * own exceptions: "tel:" after ";phone-context=" makes `StringBuilder.Append` throw
 * `ArgumentOutOfRangeException`, which Altinn does not catch (assumed invalid here).
 */
function buildNationalNumberForParsing(numberToParse: string): string | null {
  const indexOfPhoneContext = numberToParse.indexOf(RFC3966_PHONE_CONTEXT);
  const phoneContext = extractPhoneContext(numberToParse, indexOfPhoneContext);
  if (phoneContext !== null && !isPhoneContextValid(phoneContext)) return null;
  let national: string;
  if (phoneContext !== null) {
    // A phone-context that is a number prefix is kept; a domain name is ignored.
    national = phoneContext.startsWith('+') ? phoneContext : '';
    const indexOfRfc3966Prefix = numberToParse.indexOf(RFC3966_PREFIX);
    const start = indexOfRfc3966Prefix >= 0 ? indexOfRfc3966Prefix + RFC3966_PREFIX.length : 0;
    if (start > indexOfPhoneContext) return null;
    national += numberToParse.slice(start, indexOfPhoneContext);
  } else national = extractPossibleNumber(numberToParse);
  if (numberToParse.includes(RFC3966_ISDN_SUBADDRESS)) {
    const indexOfIsdn = national.indexOf(RFC3966_ISDN_SUBADDRESS);
    if (indexOfIsdn > 0) national = national.slice(0, indexOfIsdn);
  }
  return national;
}

function extractPhoneContext(numberToParse: string, indexOfPhoneContext: number): string | null {
  if (indexOfPhoneContext === -1) return null;
  const start = indexOfPhoneContext + RFC3966_PHONE_CONTEXT.length;
  if (start >= numberToParse.length) return '';
  const end = numberToParse.indexOf(';', start);
  return end === -1 ? numberToParse.slice(start) : numberToParse.slice(start, end);
}

function isPhoneContextValid(phoneContext: string): boolean {
  return phoneContext.length > 0 && (GLOBAL_NUMBER_DIGITS.test(phoneContext) || DOMAIN_NAME.test(phoneContext));
}

/** `ExtractPossibleNumber`. */
function extractPossibleNumber(number: string): string {
  if (number.length === 0) return '';
  if (!isPlusChar(number.charCodeAt(0)) && !DECIMAL_DIGIT.test(number[0]!)) {
    const start = VALID_START_CHAR.exec(number);
    if (start === null) return '';
    number = number.slice(start.index);
  }
  number = trimAfterUnwantedChars(number);
  const secondNumber = SECOND_NUMBER_START.exec(number);
  return secondNumber === null ? number : number.slice(0, secondNumber.index);
}

/** `PhoneNumberMatcher.TrimAfterUnwantedChars`: drops the trailing run that is not '#' or `char.IsLetterOrDigit`. */
function trimAfterUnwantedChars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] !== '#' && !LETTER_OR_DIGIT.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

function isViablePhoneNumber(number: string): boolean {
  return number.length >= MIN_LENGTH_FOR_NSN && VIABLE_PHONE_NUMBER.test(number);
}

/** `MaybeStripExtension`: only when what precedes the extension is viable on its own. */
function maybeStripExtension(number: string): string {
  const extension = EXTENSION_AT_END.exec(number);
  return extension !== null && isViablePhoneNumber(number.slice(0, extension.index))
    ? number.slice(0, extension.index)
    : number;
}

/** Keypad digits of `AlphaPhoneMappings` (ITU E.161). */
const KEYPAD = '22233344455566677778889999';

/**
 * `Normalize`. With three or more ASCII letters (`IsValidAlphaPhone`) letters become keypad
 * digits, ASCII digits stay and everything else goes (`NormalizeHelper`, which looks characters
 * up after `char.ToUpperInvariant`; no other character that can get this far upper-cases to an
 * ASCII letter or digit), so decimal digits that are not ASCII are dropped. Otherwise every
 * decimal digit becomes its ASCII digit and everything else goes (`NormalizeDigits`).
 */
function normalize(number: string): string {
  const isAlpha = (number.match(/[A-Za-z]/g)?.length ?? 0) >= 3;
  let out = '';
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) out += number[i];
    else if (isAlpha) {
      const letter = (c | 0x20) - 0x61;
      if (letter >= 0 && letter < 26 && c <= 0x7a) out += KEYPAD[letter];
    } else if (DECIMAL_DIGIT.test(number[i]!)) out += decimalDigitValue(number, i);
  }
  return out;
}

/**
 * `char.GetNumericValue` of a decimal digit. Unicode encodes decimal digits in runs of ten, zero to
 * nine (every run in the BMP stands alone), so the value is the number of digits just before it.
 */
function decimalDigitValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  let value = 0;
  while (value < 9 && DECIMAL_DIGIT.test(String.fromCharCode(c - value - 1))) value++;
  return value;
}
