import { JsonReader, JsonReaderError } from './json-reader.js';
import {
  CLR_EMAIL_CONTENT_TYPE,
  CLR_INT32,
  CLR_STRING,
  type DeserializedValue,
  type JsonObjectValue,
  type ObjectSchema,
  type PropertyKind,
  type PropertySchema,
} from './model-schemas.js';
import { equalsOrdinalIgnoreCase } from './ordinal-ignore-case.js';
import { parseEmailContentType } from './parse-email-content-type.js';
import { parseInt32 } from './parse-int32.js';
import { decodeUtf8Lossless, replaceLoneSurrogates } from './utf8-bytes.js';

/**
 * Layer 1 of contract §3: `JsonSerializer.DeserializeAsync` with ASP.NET Core's Web defaults plus
 * the API's `JsonStringEnumConverter` (contract §2.4). Like System.Text.Json it works through the
 * payload in document order and stops at the first problem, so a wrong type early in the body wins
 * over broken JSON later on, and a missing key is reported when its object closes.
 */
export type DeserializeOutcome =
  | { readonly kind: 'value'; readonly value: JsonObjectValue }
  /** The body was the JSON literal `null`; MVC treats that like an empty body. */
  | { readonly kind: 'noValue' }
  /** `path` is the JSON path MVC uses as the error key; `message` is the `JsonException` text. */
  | { readonly kind: 'error'; readonly path: string; readonly message: string };

/** A converter gave up on the current token (`ThrowHelper.ThrowJsonException()`). */
class ConversionError {
  constructor(readonly clrType: string) {}
}

/** `ThrowJsonException_JsonRequiredPropertyMissing`. */
class MissingPropertiesError {
  constructor(readonly message: string) {}
}

/** The "missing list" stops growing once it reaches 60 characters (System.Text.Json's soft cut-off). */
const MISSING_LIST_CUT_OFF = 60;

/** Property names with these characters are written as `['name']` in a JSON path. */
const PATH_SPECIAL_CHARACTERS = /[$. '/"[\]()\t\n\r\f\b\\\u0085\u2028\u2029]/;

export function deserializeJson(schema: ObjectSchema, body: Uint8Array | string): DeserializeOutcome {
  const reader = new JsonReader(readerText(body));
  // One entry per object being read: the JSON name of the property being read, as sent.
  const frames: (string | null)[] = [null];
  try {
    reader.read();
    let root: JsonObjectValue | null = null;
    if (reader.tokenType === 'StartObject') root = readObject(reader, frames, schema);
    else if (reader.tokenType !== 'Null') throw new ConversionError(schema.clrName);
    reader.read(); // only white space may follow the value
    return root === null ? { kind: 'noValue' } : { kind: 'value', value: root };
  } catch (error) {
    const path = jsonPath(frames);
    if (error instanceof JsonReaderError) {
      const where = `LineNumber: ${error.lineNumber} | BytePositionInLine: ${error.bytePositionInLine}.`;
      return { kind: 'error', path, message: `${error.text} Path: ${path} | ${where}` };
    }
    if (error instanceof ConversionError) {
      const where = `LineNumber: ${reader.lineNumber} | BytePositionInLine: ${reader.bytePositionInLine}.`;
      const message = `The JSON value could not be converted to ${error.clrType}. Path: ${path} | ${where}`;
      return { kind: 'error', path, message };
    }
    if (error instanceof MissingPropertiesError) return { kind: 'error', path, message: error.message };
    throw error;
  }
}

/**
 * The text the reader works on. System.Text.Json skips a UTF-8 byte order mark (`ReadBufferState`)
 * and reads bytes: a text body cannot hold unpaired surrogates by then, and a byte body keeps its
 * bytes that are not UTF-8 (as escaped bytes) so that the reader can find them.
 */
function readerText(body: Uint8Array | string): string {
  if (typeof body === 'string') return replaceLoneSurrogates(body.replace(/^\uFEFF/, ''));
  const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return decodeUtf8Lossless(bom ? body.subarray(3) : body);
}

/** Reads an object whose `StartObject` token is current; returns after its `EndObject`. */
function readObject(reader: JsonReader, frames: (string | null)[], schema: ObjectSchema): JsonObjectValue {
  const values = new Map<string, DeserializedValue>();
  for (;;) {
    reader.read();
    if (reader.tokenType === 'EndObject') break;
    // The name is unescaped before the lookup (`JsonSerializer.GetPropertyName`), known or not. An
    // escaped unpaired surrogate makes that throw an `InvalidOperationException` marked for rethrow
    // (`ThrowHelper.ExceptionSourceValueToRethrowAsJsonException`); `ReThrowWithPath` turns it into
    // the conversion message for this object's type, with the object's own path: the property
    // that failed to be named is not in it.
    if (reader.valueHasUnpairedSurrogateEscape) throw new ConversionError(schema.clrName);
    frames[frames.length - 1] = reader.value;
    // A name with bytes that are not UTF-8 matches no property: the lookup decodes it leniently
    // (`JsonHelpers.TryLookupUtf8Key` uses `Encoding.UTF8.GetChars`), so it is just unknown.
    const property = schema.properties.find((p) => equalsOrdinalIgnoreCase(p.jsonName, reader.value));
    reader.read();
    // Unknown properties are skipped but must still be valid JSON; a repeated property overwrites.
    // Skipping never decodes strings, so bytes that are not UTF-8 in them pass unnoticed.
    if (property === undefined) reader.skip();
    else values.set(property.csName, readValue(reader, frames, property.kind));
    frames[frames.length - 1] = null;
  }
  const missing = schema.properties.filter((p) => p.required && !values.has(p.csName));
  if (missing.length > 0) throw new MissingPropertiesError(missingPropertiesMessage(schema, missing));
  return values;
}

function readValue(reader: JsonReader, frames: (string | null)[], kind: PropertyKind): DeserializedValue {
  const token = reader.tokenType;
  // A string that `GetString()`, `GetInt32WithQuotes()` or `CopyString()` cannot decode: they throw
  // an `InvalidOperationException` marked for rethrow, which `JsonConverter<T>.ReadCore` turns into
  // the plain conversion message for the property's type (`ThrowHelper.ReThrowWithPath`).
  const undecodable = token === 'String' && (reader.valueHasInvalidUtf8 || reader.valueHasUnpairedSurrogateEscape);
  switch (kind.type) {
    case 'object': {
      if (token === 'Null') return null;
      if (token !== 'StartObject') throw new ConversionError(kind.schema.clrName);
      frames.push(null);
      const value = readObject(reader, frames, kind.schema);
      frames.pop();
      return value;
    }
    case 'string':
      if (token === 'Null') return null;
      // `GetString()` unescapes (`JsonReaderHelper.TryUnescape` throws `CannotReadInvalidUTF16` or
      // `CannotReadIncompleteUTF16` for an unpaired surrogate) and then decodes strictly
      // (`TranscodeHelper`: `CannotTranscodeInvalidUtf8`); each is rethrown as the conversion message.
      if (token === 'String' && !undecodable) return reader.value;
      throw new ConversionError(CLR_STRING);
    // For these two an undecodable string fails too (.NET: the same unescaping error, or a
    // FormatException for bytes that are not UTF-8, all rethrown as the conversion message).
    case 'int32':
      // `AllowReadingFromString` (Web defaults): "300" is read like 300.
      if (undecodable) throw new ConversionError(CLR_INT32);
      return convert(token === 'Number' || token === 'String' ? parseInt32(reader.value) : null, CLR_INT32);
    case 'emailContentType':
      if (undecodable) throw new ConversionError(CLR_EMAIL_CONTENT_TYPE);
      if (token === 'Number') return convert(parseInt32(reader.value), CLR_EMAIL_CONTENT_TYPE);
      return convert(token === 'String' ? parseEmailContentType(reader.value) : null, CLR_EMAIL_CONTENT_TYPE);
  }
}

function convert(value: number | null, clrType: string): number {
  if (value === null) throw new ConversionError(clrType);
  return value;
}

function missingPropertiesMessage(schema: ObjectSchema, missing: readonly PropertySchema[]): string {
  let list = '';
  for (const property of missing) {
    list += `${list === '' ? '' : ', '}'${property.jsonName}'`;
    if (list.length >= MISSING_LIST_CUT_OFF) break;
  }
  return `JSON deserialization for type '${schema.clrName}' was missing required properties including: ${list}.`;
}

/** `ReadStack.JsonPath()`: property names as they were sent, not as declared. */
function jsonPath(frames: readonly (string | null)[]): string {
  let path = '$';
  for (const name of frames) {
    if (name === null) continue;
    path += PATH_SPECIAL_CHARACTERS.test(name) ? `['${name.replace(/['\\]/g, '\\$&')}']` : `.${name}`;
  }
  return path;
}
