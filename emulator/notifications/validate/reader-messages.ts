/** ASP.NET Core MVC's `JsonOptions` sets `MaxDepth = MvcOptions.DefaultMaxModelBindingRecursionDepth` (32). */
export const READER_MAX_DEPTH = 32;

/** Texts of System.Text.Json's `Strings.resx` for the reader's `ExceptionResource`s. */
export const ReaderMessage = {
  expectedJsonTokens:
    'The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true.',
  zeroDepthAtEnd:
    'Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.',
  endOfStringNotFound: 'Expected end of string, but instead reached end of data.',
  requiredDigitNotFoundEndOfData: "Expected a digit ('0'-'9'), but instead reached end of data.",
  expectedStartOfPropertyOrValueNotFound: 'Expected start of a property name or value, but instead reached end of data.',
  expectedValueAfterPropertyNameNotFound: 'Expected a value, but instead reached end of data.',
  trailingCommaBeforeObjectEnd:
    'The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.',
  trailingCommaBeforeArrayEnd:
    'The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options.',
  objectDepthTooLarge: `The maximum configured depth of ${READER_MAX_DEPTH} has been exceeded. Cannot read next JSON object.`,
  arrayDepthTooLarge: `The maximum configured depth of ${READER_MAX_DEPTH} has been exceeded. Cannot read next JSON array.`,
  expectedEndAfterSingleJson: (c: string) => `'${c}' is invalid after a single JSON value. Expected end of data.`,
  expectedStartOfPropertyNotFound: (c: string) => `'${c}' is an invalid start of a property name. Expected a '"'.`,
  expectedSeparatorAfterPropertyName: (c: string) => `'${c}' is invalid after a property name. Expected a ':'.`,
  expectedStartOfValueNotFound: (c: string) => `'${c}' is an invalid start of a value.`,
  foundInvalidCharacter: (c: string) => `'${c}' is invalid after a value. Expected either ',', '}', or ']'.`,
  mismatchedObjectArray: (c: string) => `'${c}' is invalid without a matching open.`,
  invalidCharacterWithinString: (c: string) =>
    `'${c}' is invalid within a JSON string. The string should be correctly escaped.`,
  invalidCharacterAfterEscape: (c: string) =>
    `'${c}' is an invalid escapable character within a JSON string. The string should be correctly escaped.`,
  invalidHexCharacter: (c: string) =>
    `'${c}' is not a hex digit following '\\u' within a JSON string. The string should be correctly escaped.`,
  expectedEndOfDigitNotFound: (c: string) => `'${c}' is an invalid end of a number. Expected a delimiter.`,
  expectedNextDigitEValueNotFound: (c: string) => `'${c}' is an invalid end of a number. Expected 'E' or 'e'.`,
  requiredDigitNotFoundAfterSign: (c: string) =>
    `'${c}' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit ('0'-'9').`,
  requiredDigitNotFoundAfterDecimal: (c: string) =>
    `'${c}' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9').`,
  invalidLeadingZeroInNumber: (c: string) => `Invalid leading zero before '${c}'.`,
  expectedLiteral: (found: string, literal: string) =>
    `'${found}' is an invalid JSON literal. Expected the literal '${literal}'.`,
} as const;
