/**
 * The number of stored messages read from the `counts` of `GET /_emulator/health`, whatever its exact
 * shape: a number, `{messages}`, `{total}`, or per channel (`{sms, email}`). Null when it cannot tell.
 */
export function storedMessages(counts: unknown): number | null {
  if (typeof counts === 'number') return counts;
  if (!counts || typeof counts !== 'object') return null;
  const record = counts as Record<string, unknown>;
  for (const key of ['messages', 'total', 'stored']) {
    const value = record[key];
    if (typeof value === 'number') return value;
    if (value && typeof value === 'object') {
      const inner = storedMessages(value);
      if (inner !== null) return inner;
    }
  }
  const sms = record.sms;
  const email = record.email;
  if (typeof sms === 'number' || typeof email === 'number') {
    return (typeof sms === 'number' ? sms : 0) + (typeof email === 'number' ? email : 0);
  }
  return null;
}
