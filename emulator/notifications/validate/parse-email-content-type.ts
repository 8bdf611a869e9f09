import { trimDotnet } from './dotnet-whitespace.js';
import { equalsOrdinalIgnoreCase } from './ordinal-ignore-case.js';
import { parseInt32 } from './parse-int32.js';

/** `Altinn.Notifications.Models.EmailContentTypeExt` (contract §2.2). */
const CONTENT_TYPES: ReadonlyArray<readonly [name: string, value: number]> = [
  ['Plain', 0],
  ['Html', 1],
];

/**
 * The string branch of System.Text.Json's `EnumConverter<T>` behind `JsonStringEnumConverter`
 * (.NET 9+ `TryParseEnumFromString`): the text is trimmed; an integer text ("1", "+2") goes
 * through `Enum.TryParse`, so any int32 is accepted and undefined values are left to
 * FluentValidation (contract §2.4, §3); otherwise comma-separated names are matched
 * case-insensitively and OR-ed together ("plain, html" is Html, "Plain," is Plain).
 * Returns null when .NET would throw.
 */
export function parseEmailContentType(text: string): number | null {
  const source = trimDotnet(text);
  if (/^[+-]?[0-9]+$/.test(source)) return parseInt32(source);
  let rest = source;
  let value = 0;
  do {
    const comma = rest.indexOf(',');
    const name = comma === -1 ? rest : trimDotnet(rest.slice(0, comma));
    rest = comma === -1 ? '' : trimDotnet(rest.slice(comma + 1));
    const match = CONTENT_TYPES.find(([candidate]) => equalsOrdinalIgnoreCase(candidate, name));
    if (match === undefined) return null;
    value |= match[1];
  } while (rest !== '');
  return value;
}
