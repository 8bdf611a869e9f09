import type { InstantRoute, ValidationResult } from '../instant-request.js';
import { collectRequiredErrors } from './collect-required-errors.js';
import { collectRuleErrors } from './collect-rule-errors.js';
import { deserializeJson } from './deserialize-json.js';
import { rootSchemaFor } from './model-schemas.js';
import { orderLikeModelState } from './order-like-model-state.js';
import { toInstantRequest } from './to-instant-request.js';

/**
 * Binding failed, so the action parameter `request` is null and its implicit `[Required]` fails
 * too: every layer-1 error comes with this entry (contract §3.1, §4.4).
 */
const REQUEST_REQUIRED = ['request', 'The request field is required.'] as const;

/** An empty body (and the JSON literal `null`): MVC's `MissingRequestBodyRequiredValueAccessor`, under key "". */
const EMPTY_BODY = [['', 'A non-empty request body is required.'], REQUEST_REQUIRED] as const;

/**
 * What ASP.NET Core and the Altinn controller make of a body posted to one of the three instant
 * routes (contract §3): layer 1 (System.Text.Json), then layer 2 (`[Required]`), then layer 3
 * (FluentValidation). The first failing layer decides the `errors` map of the 400; later layers
 * do not run. `rawBody` is the request body as received (bytes); a string is taken as already decoded text.
 */
export function validateInstantRequest(route: InstantRoute, rawBody: Uint8Array | string): ValidationResult {
  if (rawBody.length === 0) return { ok: false, errors: orderLikeModelState(EMPTY_BODY) };
  const schema = rootSchemaFor(route);
  const bound = deserializeJson(schema, rawBody);
  if (bound.kind === 'noValue') return { ok: false, errors: orderLikeModelState(EMPTY_BODY) };
  if (bound.kind === 'error') {
    return { ok: false, errors: orderLikeModelState([[bound.path, bound.message], REQUEST_REQUIRED]) };
  }
  const required = collectRequiredErrors(schema, bound.value);
  if (required.length > 0) return { ok: false, errors: orderLikeModelState(required) };
  const rules = collectRuleErrors(route, bound.value);
  if (rules.length > 0) return { ok: false, errors: orderLikeModelState(rules) };
  return { ok: true, request: toInstantRequest(route, bound.value) };
}
