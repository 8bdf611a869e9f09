import { isNullOrWhiteSpace } from './dotnet-whitespace.js';
import type { JsonObjectValue, ObjectSchema } from './model-schemas.js';

/**
 * Layer 2 of contract §3: MVC's DataAnnotations pass over the bound model. `[Required]` rejects
 * null, and for strings also "" and white space (`string.IsNullOrWhiteSpace`); on an int it never
 * fails. Keys are C# property paths ("RecipientSms.ShortMessageContent.Body"), messages
 * "The <C# name> field is required." Every failure is collected; their order is settled later by
 * `orderLikeModelState`.
 */
export function collectRequiredErrors(
  schema: ObjectSchema,
  value: JsonObjectValue,
  prefix = '',
): Array<[key: string, message: string]> {
  const errors: Array<[string, string]> = [];
  for (const property of schema.properties) {
    const key = `${prefix}${property.csName}`;
    const child = value.get(property.csName) ?? null;
    if (property.required && (child === null || (typeof child === 'string' && isNullOrWhiteSpace(child)))) {
      errors.push([key, `The ${property.csName} field is required.`]);
    } else if (property.kind.type === 'object' && child instanceof Map) {
      errors.push(...collectRequiredErrors(property.kind.schema, child, `${key}.`));
    }
  }
  return errors;
}
