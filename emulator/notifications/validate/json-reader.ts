import { ReaderMessage, READER_MAX_DEPTH } from './reader-messages.js';
import {
  hasEscapedBytes,
  printableByteAt,
  replaceEscapedBytes,
  utf8ByteLength,
} from './utf8-bytes.js';

/**
 * A port of the parts of System.Text.Json's `Utf8JsonReader` (single segment, final block, comments
 * and trailing commas disallowed) that the instant-order bodies meet. Layer 1 of contract §3 reports
 * the reader's own message texts with its 0-based `LineNumber` and UTF-8 `BytePositionInLine`, so
 * the order of checks and the position at each `throw` follow the .NET source
 * (`src/libraries/System.Text.Json/src/System/Text/Json/Reader/Utf8JsonReader.cs`).
 *
 * The text may hold escaped bytes (see `utf8-bytes.ts`). Like .NET's, this reader rejects them
 * outside strings (each is an unexpected byte, named `0xNN`) and lets them through inside strings,
 * where `ConsumeString` only looks for '"', '\\' and control bytes.
 */

export type JsonTokenType =
  | 'None'
  | 'StartObject'
  | 'EndObject'
  | 'StartArray'
  | 'EndArray'
  | 'PropertyName'
  | 'String'
  | 'Number'
  | 'True'
  | 'False'
  | 'Null';

/** `JsonConstants.EscapableChars` and `JsonConstants.Delimiters`. */
const ESCAPABLE = '"nrt/ubf\\';
const DELIMITERS = ',}] \n\r\t/';

/** A `JsonReaderException`: the resource text plus where the reader stood. */
export class JsonReaderError extends Error {
  constructor(
    readonly text: string,
    readonly lineNumber: number,
    readonly bytePositionInLine: number,
  ) {
    super(`${text} LineNumber: ${lineNumber} | BytePositionInLine: ${bytePositionInLine}.`);
    this.name = 'JsonReaderError';
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

export class JsonReader {
  tokenType: JsonTokenType = 'None';
  /** Unescaped text of a String or PropertyName token; the raw text of a Number token. */
  value = '';
  /**
   * The String or PropertyName token held bytes that are not UTF-8; `value` then has U+FFFD for
   * them. Only a strict `GetString()` notices, so the deserializer decides what that means.
   */
  valueHasInvalidUtf8 = false;
  /**
   * The String or PropertyName token escapes a UTF-16 surrogate that is not part of a pair: a low
   * surrogate first, or a high one not followed by an escaped low one. `value` then has U+FFFD for
   * it. The reader itself accepts it (`ValidateHexDigits` only checks for four hex digits); the
   * unescaper throws when a converter or the property lookup asks for the text.
   */
  valueHasUnpairedSurrogateEscape = false;
  private index = 0;
  private line = 0;
  private bytePos = 0;
  /** One entry per open container, `true` for an object (the reader's `BitStack`). */
  private readonly containers: boolean[] = [];
  private isNotPrimitive = false;

  constructor(private readonly text: string) {}

  get lineNumber(): number {
    return this.line;
  }

  get bytePositionInLine(): number {
    return this.bytePos;
  }

  /** `Utf8JsonReader.Read()`: false only at the end of the payload after a complete value. */
  read(): boolean {
    if (!this.hasMoreData()) return this.noMoreTokens();
    let first = this.code();
    if (first <= 0x20) {
      this.skipWhiteSpace();
      if (!this.hasMoreData()) return this.noMoreTokens();
      first = this.code();
    }
    if (this.tokenType === 'None') this.readFirstToken(first);
    else if (first === 0x2f /* '/' */) this.consumeNextToken(first);
    else if (this.tokenType === 'StartObject') {
      if (first === 0x7d /* '}' */) this.endObject();
      else {
        if (first !== 0x22) throw this.error(ReaderMessage.expectedStartOfPropertyNotFound(this.printable()));
        this.consumePropertyName();
      }
    } else if (this.tokenType === 'StartArray') {
      if (first === 0x5d /* ']' */) this.endArray();
      else this.consumeValue(first);
    } else if (this.tokenType === 'PropertyName') this.consumeValue(first);
    else this.consumeNextToken(first);
    return true;
  }

  /** `Utf8JsonReader.Skip()` after a value token: moves to the matching end of an object or array. */
  skip(): void {
    if (this.tokenType !== 'StartObject' && this.tokenType !== 'StartArray') return;
    const depth = this.containers.length - 1;
    do this.read();
    while (this.currentDepth() > depth);
  }

  private currentDepth(): number {
    const open = this.tokenType === 'StartObject' || this.tokenType === 'StartArray';
    return this.containers.length - (open ? 1 : 0);
  }

  private code(at = this.index): number {
    return this.text.charCodeAt(at);
  }

  private printable(at = this.index): string {
    return printableByteAt(this.text, at);
  }

  private error(text: string): JsonReaderError {
    return new JsonReaderError(text, this.line, this.bytePos);
  }

  private noMoreTokens(): boolean {
    if (this.tokenType === 'None') throw this.error(ReaderMessage.expectedJsonTokens);
    return false;
  }

  private hasMoreData(): boolean {
    if (this.index < this.text.length) return true;
    if (this.isNotPrimitive && this.containers.length !== 0) throw this.error(ReaderMessage.zeroDepthAtEnd);
    return false;
  }

  private skipWhiteSpace(): void {
    for (; this.index < this.text.length; this.index++) {
      const c = this.code();
      if (c === 0x0a) {
        this.line++;
        this.bytePos = 0;
      } else if (c === 0x20 || c === 0x0d || c === 0x09) this.bytePos++;
      else break;
    }
  }

  private readFirstToken(first: number): void {
    if (first === 0x7b || first === 0x5b) {
      this.containers.push(first === 0x7b);
      this.tokenType = first === 0x7b ? 'StartObject' : 'StartArray';
      this.advance(1);
      this.isNotPrimitive = true;
    } else if (isDigit(first) || first === 0x2d) {
      const length = this.tryGetNumber();
      this.tokenType = 'Number';
      this.value = this.text.slice(this.index, this.index + length);
      this.advance(length);
    } else this.consumeValue(first);
  }

  private advance(asciiBytes: number): void {
    this.index += asciiBytes;
    this.bytePos += asciiBytes;
  }

  private consumeValue(marker: number): void {
    if (marker === 0x22) this.consumeString();
    else if (marker === 0x7b) this.startContainer(true);
    else if (marker === 0x5b) this.startContainer(false);
    else if (isDigit(marker) || marker === 0x2d) this.consumeNumber();
    else if (marker === 0x66 /* f */) this.consumeLiteral('false', 'False');
    else if (marker === 0x74 /* t */) this.consumeLiteral('true', 'True');
    else if (marker === 0x6e /* n */) this.consumeLiteral('null', 'Null');
    else throw this.error(ReaderMessage.expectedStartOfValueNotFound(this.printable()));
  }

  private startContainer(isObject: boolean): void {
    if (this.containers.length >= READER_MAX_DEPTH) {
      throw this.error(isObject ? ReaderMessage.objectDepthTooLarge : ReaderMessage.arrayDepthTooLarge);
    }
    this.containers.push(isObject);
    this.tokenType = isObject ? 'StartObject' : 'StartArray';
    this.advance(1);
  }

  private endObject(): void {
    if (this.containers.at(-1) !== true) throw this.error(ReaderMessage.mismatchedObjectArray('}'));
    this.containers.pop();
    this.tokenType = 'EndObject';
    this.advance(1);
  }

  private endArray(): void {
    if (this.containers.at(-1) !== false) throw this.error(ReaderMessage.mismatchedObjectArray(']'));
    this.containers.pop();
    this.tokenType = 'EndArray';
    this.advance(1);
  }

  /** After a value or an end token: a comma, a closing bracket, or an error. */
  private consumeNextToken(marker: number): void {
    if (this.containers.length === 0) throw this.error(ReaderMessage.expectedEndAfterSingleJson(this.printable()));
    if (marker === 0x2c /* ',' */) {
      this.advance(1);
      if (this.index >= this.text.length) {
        this.index--;
        this.bytePos--;
        throw this.error(ReaderMessage.expectedStartOfPropertyOrValueNotFound);
      }
      let first = this.code();
      if (first <= 0x20) {
        this.skipWhiteSpace();
        if (this.index >= this.text.length) throw this.error(ReaderMessage.expectedStartOfPropertyOrValueNotFound);
        first = this.code();
      }
      if (this.containers.at(-1)) {
        if (first !== 0x22) {
          if (first === 0x7d) throw this.error(ReaderMessage.trailingCommaBeforeObjectEnd);
          throw this.error(ReaderMessage.expectedStartOfPropertyNotFound(this.printable()));
        }
        this.consumePropertyName();
      } else {
        if (first === 0x5d) throw this.error(ReaderMessage.trailingCommaBeforeArrayEnd);
        this.consumeValue(first);
      }
    } else if (marker === 0x7d) this.endObject();
    else if (marker === 0x5d) this.endArray();
    else throw this.error(ReaderMessage.foundInvalidCharacter(this.printable()));
  }

  private consumePropertyName(): void {
    this.consumeString();
    if (this.index >= this.text.length) throw this.error(ReaderMessage.expectedValueAfterPropertyNameNotFound);
    let first = this.code();
    if (first <= 0x20) {
      this.skipWhiteSpace();
      if (this.index >= this.text.length) throw this.error(ReaderMessage.expectedValueAfterPropertyNameNotFound);
      first = this.code();
    }
    if (first !== 0x3a /* ':' */) throw this.error(ReaderMessage.expectedSeparatorAfterPropertyName(this.printable()));
    this.advance(1);
    this.tokenType = 'PropertyName';
  }

  private consumeLiteral(literal: string, tokenType: JsonTokenType): void {
    if (this.text.startsWith(literal, this.index)) {
      this.tokenType = tokenType;
      this.advance(literal.length);
      return;
    }
    // `CheckLiteral`: the position moves to the first mismatch (or the end of data), and the
    // message quotes the whole rest of the payload, as .NET passes its remaining span; it decodes
    // that span with the lenient `JsonHelpers.Utf8GetString` (`ThrowHelper.GetJsonReaderException`).
    const rest = replaceEscapedBytes(this.text.slice(this.index));
    let mismatch = 1;
    while (mismatch < literal.length && mismatch < rest.length && rest[mismatch] === literal[mismatch]) mismatch++;
    this.bytePos += mismatch;
    throw this.error(ReaderMessage.expectedLiteral(rest, literal));
  }

  private consumeNumber(): void {
    const length = this.tryGetNumber();
    this.tokenType = 'Number';
    this.value = this.text.slice(this.index, this.index + length);
    this.advance(length);
    if (this.index >= this.text.length && this.isNotPrimitive) {
      throw this.error(ReaderMessage.expectedEndOfDigitNotFound(this.printable(this.index - 1)));
    }
  }

  /** `TryGetNumber`: the length of the number at the cursor; on error the position moves to the offending byte. */
  private tryGetNumber(): number {
    const start = this.index;
    const end = this.text.length;
    const at = (i: number): number => this.code(start + i);
    const atEnd = (i: number): boolean => start + i >= end;
    const fail = (i: number, message: (c: string) => string): JsonReaderError => {
      this.bytePos += i;
      return this.error(message(this.printable(start + i)));
    };
    const failAtEnd = (i: number): JsonReaderError => {
      this.bytePos += i;
      return this.error(ReaderMessage.requiredDigitNotFoundEndOfData);
    };
    const skipDigits = (i: number): number => {
      while (!atEnd(i) && isDigit(at(i))) i++;
      return i;
    };
    const endsHere = (i: number): boolean => atEnd(i) || DELIMITERS.includes(this.text[start + i]!);

    let i = 0;
    if (at(0) === 0x2d) {
      i++;
      if (atEnd(i)) throw failAtEnd(i);
      if (!isDigit(at(i))) throw fail(i, ReaderMessage.requiredDigitNotFoundAfterSign);
    }
    if (at(i) === 0x30) {
      i++;
      if (endsHere(i)) return i;
      const next = at(i);
      if (next !== 0x2e && next !== 0x45 && next !== 0x65) {
        throw fail(i, isDigit(next) ? ReaderMessage.invalidLeadingZeroInNumber : ReaderMessage.expectedEndOfDigitNotFound);
      }
    } else {
      i = skipDigits(i + 1);
      if (endsHere(i)) return i;
      const next = at(i);
      if (next !== 0x2e && next !== 0x45 && next !== 0x65) throw fail(i, ReaderMessage.expectedEndOfDigitNotFound);
    }
    if (at(i) === 0x2e) {
      i++;
      if (atEnd(i)) throw failAtEnd(i);
      if (!isDigit(at(i))) throw fail(i, ReaderMessage.requiredDigitNotFoundAfterDecimal);
      i = skipDigits(i + 1);
      if (endsHere(i)) return i;
      if (at(i) !== 0x45 && at(i) !== 0x65) throw fail(i, ReaderMessage.expectedNextDigitEValueNotFound);
    }
    i++; // past 'e' / 'E'
    if (atEnd(i)) throw failAtEnd(i);
    if (at(i) === 0x2b || at(i) === 0x2d) {
      i++;
      if (atEnd(i)) throw failAtEnd(i);
    }
    if (!isDigit(at(i))) throw fail(i, ReaderMessage.requiredDigitNotFoundAfterSign);
    i = skipDigits(i + 1);
    if (endsHere(i)) return i;
    throw fail(i, ReaderMessage.expectedEndOfDigitNotFound);
  }

  private consumeString(): void {
    const start = this.index + 1;
    let i = start;
    while (i < this.text.length) {
      const c = this.code(i);
      if (c === 0x22 || c === 0x5c || c < 0x20) break;
      i++;
    }
    if (i >= this.text.length) {
      this.bytePos += utf8ByteLength(this.text, start, i) + 1;
      throw this.error(ReaderMessage.endOfStringNotFound);
    }
    if (this.code(i) === 0x22) {
      this.bytePos += utf8ByteLength(this.text, start, i) + 2;
      this.finishString(start, i);
      return;
    }
    this.consumeStringAndValidate(start, i);
  }

  /** `ConsumeStringAndValidate`: walks byte by byte from the first backslash or control character. */
  private consumeStringAndValidate(start: number, from: number): void {
    this.bytePos += utf8ByteLength(this.text, start, from) + 1;
    let escaped = false;
    for (let i = from; i < this.text.length; i++) {
      const c = this.code(i);
      if (c === 0x22 && !escaped) {
        this.bytePos++;
        this.finishString(start, i);
        return;
      }
      if (c === 0x22) escaped = false;
      else if (c === 0x5c) escaped = !escaped;
      else if (escaped) {
        if (!ESCAPABLE.includes(this.text[i]!)) throw this.error(ReaderMessage.invalidCharacterAfterEscape(this.printable(i)));
        if (c === 0x75 /* u */) {
          this.bytePos++;
          if (!this.validateHexDigits(i + 1)) break;
          i += 4;
        }
        escaped = false;
      } else if (c < 0x20) throw this.error(ReaderMessage.invalidCharacterWithinString(this.printable(i)));
      const width = utf8ByteLength(this.text, i, i + 1);
      this.bytePos += width;
      if (width === 4) i++;
    }
    throw this.error(ReaderMessage.endOfStringNotFound);
  }

  /** True when four hex digits follow; false when the data ends first. */
  private validateHexDigits(from: number): boolean {
    for (let i = from; i < this.text.length; i++) {
      if (!/[0-9a-fA-F]/.test(this.text[i]!)) throw this.error(ReaderMessage.invalidHexCharacter(this.printable(i)));
      if (i - from >= 3) return true;
      this.bytePos++;
    }
    return false;
  }

  private finishString(start: number, closingQuote: number): void {
    const raw = this.text.slice(start, closingQuote);
    this.valueHasInvalidUtf8 = hasEscapedBytes(raw);
    // Replaced before unescaping: an escape sequence yields whole characters, so the result is the
    // same as .NET's unescape-then-`Encoding.UTF8` decode of a property name.
    const unescaped = unescapeJsonString(this.valueHasInvalidUtf8 ? replaceEscapedBytes(raw) : raw);
    this.value = unescaped.value;
    this.valueHasUnpairedSurrogateEscape = unescaped.hasUnpairedSurrogate;
    this.tokenType = 'String';
    this.index = closingQuote + 1;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Unescapes an already validated string body like `JsonReaderHelper.TryUnescape`, which throws
 * `ThrowInvalidOperationException_ReadInvalidUTF16` for an escaped low surrogate that comes first
 * or a high one followed by an escape that is not a low surrogate, and
 * `ThrowInvalidOperationException_ReadIncompleteUTF16` for a high one not followed by "\\u".
 * Instead of throwing, this reports it and puts U+FFFD in the value.
 */
function unescapeJsonString(raw: string): { value: string; hasUnpairedSurrogate: boolean } {
  if (!raw.includes('\\')) return { value: raw, hasUnpairedSurrogate: false };
  const parts: string[] = [];
  let hasUnpairedSurrogate = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      parts.push(c);
      continue;
    }
    const kind = raw[++i]!;
    if (kind !== 'u') {
      parts.push(SIMPLE_ESCAPES[kind]!);
      continue;
    }
    const unit = hexAt(raw, i + 1);
    i += 4;
    if (unit < 0xd800 || unit > 0xdfff) parts.push(String.fromCharCode(unit));
    else if (unit <= 0xdbff && raw.startsWith('\\u', i + 1) && isLowSurrogate(hexAt(raw, i + 3))) {
      parts.push(String.fromCharCode(unit, hexAt(raw, i + 3)));
      i += 6;
    } else {
      parts.push('\uFFFD');
      hasUnpairedSurrogate = true;
    }
  }
  return { value: parts.join(''), hasUnpairedSurrogate };
}

const hexAt = (s: string, at: number): number => Number.parseInt(s.slice(at, at + 4), 16);
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
