import type { Context } from 'koa';
import { HttpError } from '../http/http-error.js';
import { validationProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { ValidationErrors } from './instant-request.js';
import type { Store } from '../store/store.js';
import { blankToNull } from './blank-to-null.js';
import { traceIdOf } from '../http/trace-id-of.js';

/** `StatusFeedMaxPageSize` (contract §7.2). */
const maxPageSize = 500;

type State = { principal: { org: string | null } };

/** `GET /future/shipment/feed` of `StatusFeedController.cs` (contract §7.2): completed shipments of the caller's org. */
export function createStatusFeed(store: Store) {
  return function getStatusFeed(ctx: Context): void {
    const { principal } = ctx.state as State;
    const query = lowerCaseKeys(ctx.query);
    const errors: ValidationErrors = {};
    const seq = parseInteger(query.seq, 'seq', int64, errors) ?? 0;
    const pageSize = parseInteger(query.pagesize, 'pageSize', int32, errors) ?? maxPageSize;
    const orderBy = parseOrderBy(query.orderby, errors);
    // The model's [Range(0, long.MaxValue)] (a double range) words its message like this [fw, contract §7.2].
    if (seq < 0) errors.seq = ['The field seq must be between 0 and 9.223372036854776E+18.'];
    if (Object.keys(errors).length) throw validationProblem(errors, traceIdOf(ctx));
    if (principal.org === null) throw new HttpError(403);
    const entries = store.feed({ org: principal.org, seq, pageSize: Math.min(Math.max(pageSize, 1), maxPageSize), orderBy });
    writeJson(
      ctx,
      200,
      entries.map((e) => ({
        shipmentId: e.shipmentId,
        sendersReference: blankToNull(e.sendersReference),
        recipients: e.recipients,
        status: e.status,
        lastUpdate: e.lastUpdate,
        shipmentType: e.shipmentType,
        sequenceNumber: e.sequenceNumber,
      })),
      { omitNulls: true },
    );
  };
}

// Query names bind case-insensitively in ASP.NET.
function lowerCaseKeys(query: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = Object.create(null);
  for (const [k, v] of Object.entries(query)) out[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
  return out;
}

const int32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** ASP.NET's model binding of an `int`/`long` query value: out of range or not an integer is a binding error. */
function parseInteger(value: string | undefined, name: string, range: { min: bigint; max: bigint }, errors: ValidationErrors): number | null {
  if (value === undefined || value === '') return null;
  if (/^\s*[-+]?\d+\s*$/.test(value)) {
    const n = BigInt(value.trim());
    // Beyond JavaScript's safe integers no entry can match; clamping keeps the comparison right.
    if (n >= range.min && n <= range.max) return Number(n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : n);
  }
  errors[name] = [`The value '${value}' is not valid for ${name}.`];
  return null;
}

function parseOrderBy(value: string | undefined, errors: ValidationErrors): 'Asc' | 'Desc' {
  if (value === undefined || value === '') return 'Asc';
  const v = value.trim().toLowerCase();
  if (v === 'asc' || v === '0') return 'Asc';
  if (v === 'desc' || v === '1') return 'Desc';
  errors.orderBy = [`The value '${value}' is not valid for orderBy.`];
  return 'Asc';
}
