/**
 * An instant SMS order for one recipient. Each `n` gets its own Norwegian mobile number (`prefix` + 7 digits) and
 * `idempotencyId`, so that every POST creates a message and a waiter can match on `to`.
 */
export function instantSmsBody(n: number, prefix: '+479' | '+474', tag: string): { phone: string; body: unknown } {
  const phone = prefix + String(n % 10_000_000).padStart(7, '0');
  return {
    phone,
    body: {
      idempotencyId: `bench-${tag}-${phone.slice(1)}`,
      sendersReference: 'bench',
      recipientSms: {
        phoneNumber: phone,
        timeToLiveInSeconds: 300,
        smsSettings: { sender: 'Altinn', body: `Din engangskode er ${String(100000 + ((n * 7919) % 900000))}` },
      },
    },
  };
}
