import type { Context } from 'koa';
import { HttpError } from './http-error.js';

/** The scope of `Configuration/AuthorizationConstants.cs` (contract §8). */
export const notificationsCreateScope = 'altinn:serviceowner/notifications.create';

export interface AuthOptions {
  mode: 'lenient' | 'strict';
  /** The org of a request without credentials in lenient mode. */
  org: string;
}

/** Who is calling: `org` null means authorised but without an org, which Altinn answers 403 after validation. */
export interface Principal {
  org: string | null;
}

/**
 * Altinn's policy `CreateScopeOrPlatfomAccessToken` and `OrgExtractorMiddleware` (contract §8, product §1.4).
 * Tokens are decoded without a signature check: no keys exist locally. Lifetime is checked on the emulator
 * clock with zero skew, as in Altinn.
 */
export function authenticate(ctx: Context, options: AuthOptions, now: Date): Principal {
  const bearer = bearerToken(ctx);
  const platformHeader = ctx.get('PlatformAccessToken');
  const platform = platformHeader ? decodeJwt(platformHeader) : null;

  if (bearer === null && !platformHeader) {
    // As an emulator, we let a caller without credentials in as the configured org unless asked to be strict.
    if (options.mode === 'strict') throw unauthorized();
    return { org: options.org };
  }

  let claims: Record<string, unknown> | null = null;
  if (bearer !== null) {
    claims = decodeJwt(bearer);
    if (!claims || !isWithinLifetime(claims, now)) throw unauthorized();
  }
  const platformValid = platform !== null && isWithinLifetime(platform, now);
  if (!platformValid && !hasCreateScope(claims)) {
    if (claims === null) throw unauthorized();
    throw new HttpError(403);
  }
  // The PlatformAccessToken's issuer wins over the bearer's org claim (`OrgExtractorMiddleware.cs`).
  const org = platformHeader ? stringClaim(platform, 'iss') : stringClaim(claims, 'urn:altinn:org');
  return { org };
}

function unauthorized(): HttpError {
  return new HttpError(401, null, { 'WWW-Authenticate': 'Bearer' });
}

function bearerToken(ctx: Context): string | null {
  const header = ctx.get('Authorization');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match) return match[1];
  if (header) return '';
  return ctx.cookies.get('AltinnStudioRuntime') ?? null;
}

function hasCreateScope(claims: Record<string, unknown> | null): boolean {
  if (!claims) return false;
  const scope = stringClaim(claims, 'urn:altinn:scope') ?? stringClaim(claims, 'scope') ?? '';
  return scope.split(' ').includes(notificationsCreateScope);
}

function isWithinLifetime(claims: Record<string, unknown>, now: Date): boolean {
  const seconds = now.getTime() / 1000;
  if (typeof claims.exp === 'number' && seconds >= claims.exp) return false;
  if (typeof claims.nbf === 'number' && seconds < claims.nbf) return false;
  return true;
}

function stringClaim(claims: Record<string, unknown> | null, name: string): string | null {
  const value = claims?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The payload of a compact JWS, or null when it is not one. */
function decodeJwt(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
