/**
 * When a message that could not be sent is tried again: after 1, 5 and 30 minutes, then 2, 6,
 * 12 and 24 hours; after the eighth failed attempt it is failed. A jitter of up to a tenth of
 * the delay spreads retries of many messages after an outage.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  24 * 3_600_000,
];

export const MAX_MESSAGE_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The time of the next attempt after `attempts` failed ones, or null when they are spent. */
export function nextMessageAttemptAt(
  failedAt: Date,
  attempts: number,
  random: number,
): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return null;
  return new Date(failedAt.getTime() + delay + Math.floor(delay * 0.1 * random));
}

/**
 * The Message-ID of a message: derived from its id, so every attempt to send it carries the
 * same one and a receiver can drop a copy a crash sent twice.
 */
export function messageIdHeader(messageId: string, sender: string): string {
  const at = sender.lastIndexOf("@");
  const domain = at >= 0 ? sender.slice(at + 1).replace(/[>\s]/g, "") : "";
  return `<${messageId}@${domain || "accrue.invalid"}>`;
}
