/** A purchase as the booking screen knows it: its package's lines and its appointments. */
export interface PurchaseSessions {
  package: { services: readonly { sessions: number; service: { id: string } }[] };
  progress: { appointments: readonly { sessionNumberInPackage: number | null; status: string; sessionConsumed: boolean }[] };
}

/**
 * The service of the purchase's lowest free session: session numbers follow the package's lines
 * in order ("1 assessment, then 8 therapy sessions": session 1 is the assessment). A session is
 * taken by a live appointment, or by one that used it (a no-show, a late cancellation).
 * Null when every session is taken.
 */
export function nextSessionServiceId(purchase: PurchaseSessions): string | null {
  const taken = new Set(
    purchase.progress.appointments
      .filter((a) => a.status !== 'CANCELLED' || a.sessionConsumed)
      .map((a) => a.sessionNumberInPackage),
  );
  let session = 0;
  for (const line of purchase.package.services) {
    for (let i = 0; i < line.sessions; i += 1) {
      session += 1;
      if (!taken.has(session)) return line.service.id;
    }
  }
  return null;
}
