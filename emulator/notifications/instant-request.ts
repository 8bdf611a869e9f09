/**
 * The instant order requests after Altinn's three validation layers have accepted them
 * (contract §2). The deprecated nested SMS shape (§2.3) is normalised to `InstantSmsRequest`.
 */
export interface InstantSmsRequest {
  channel: 'sms';
  idempotencyId: string;
  /** As submitted; `null` when absent or JSON null. `""` stays `""` (contract §4.2). */
  sendersReference: string | null;
  /** Raw, untrimmed, as submitted (contract §3.2 step 4). */
  phoneNumber: string;
  timeToLiveInSeconds: number;
  /** As submitted; `null` when absent/null. Defaulting to "Altinn" happens later. */
  sender: string | null;
  body: string;
}

export interface InstantEmailRequest {
  channel: 'email';
  idempotencyId: string;
  sendersReference: string | null;
  /** Raw, untrimmed, as submitted (contract §3.3 step 2). */
  emailAddress: string;
  subject: string;
  body: string;
  /** As submitted (untrimmed); `null` when absent/null. */
  senderEmailAddress: string | null;
  contentType: 'Plain' | 'Html';
}

export type InstantRequest = InstantSmsRequest | InstantEmailRequest;

/** Which of the three POST routes of contract §1 a body was sent to. */
export type InstantRoute = 'sms' | 'email' | 'deprecated';

/** The `errors` map of an ASP.NET `ValidationProblemDetails` (contract §4.4), in insertion order. */
export type ValidationErrors = Record<string, string[]>;

export type ValidationResult =
  | { ok: true; request: InstantRequest }
  | { ok: false; errors: ValidationErrors };
