import { phoneFacts } from './phone-facts.js';

/**
 * The SMS recipient rule of contract §3.2. `IsValidNumber` does not look at the number type, so
 * valid landlines such as "+4722225555" pass despite the error text "not a valid mobile number";
 * "00+47…" passes too (it becomes "++47…", which the parser accepts).
 */
export function isValidMobileNumber(s: string): boolean {
  return phoneFacts(s).valid;
}
