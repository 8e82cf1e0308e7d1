import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers every delivery carries. */
export const WEBHOOK_HEADERS = {
  /** The event's id: the same on every attempt and replay, for the receiver to drop repeats. */
  eventId: 'webhook-id',
  /** The event type, e.g. `appointment.booked`. */
  eventType: 'webhook-event',
  /** Seconds since 1970 when this attempt was signed. */
  timestamp: 'webhook-timestamp',
  /** `v1=` and the hex HMAC-SHA256 of `timestamp + "." + body` under the endpoint's secret. */
  signature: 'webhook-signature',
} as const;

/** hex HMAC-SHA256(secret, timestamp + "." + body). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * What a receiver does (docs/api.md shows the same): recompute the signature over the raw body,
 * compare in constant time, and refuse a timestamp too far from its own clock (replayed
 * requests).
 */
export function verifySignature(secret: string, header: string | undefined, timestamp: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(`v1=${signatureOf(secret, Number(timestamp), body)}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
