import { createClosure } from '../closures/closures.js';
import { localDateOf } from '../kernel/local-time.js';
import type { SeedUseCaseRunner, TenantWorld } from './demo-data.js';

/**
 * Al Noor's closures, through the use case the API calls: every clinic closed on the next Saudi
 * National Day (23 September), a public holiday. It lies beyond every demo package's expiry, so
 * no demo appointment or browser flow meets it; the closures screen and the calendar show it.
 */
export async function closureStories({ at, ok }: SeedUseCaseRunner, _world: TenantWorld, now: Date): Promise<void> {
  const today = localDateOf(now, 'Asia/Riyadh');
  const year = Number(today.slice(0, 4));
  const nationalDay = `${today.slice(5) < '09-23' ? year : year + 1}-09-23`;
  ok(await createClosure(at(now), { clinicId: null, startDate: nationalDay, endDate: nationalDay, reason: 'Saudi National Day' }));
}
