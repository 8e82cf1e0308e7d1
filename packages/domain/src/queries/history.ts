import { authorize } from '../shared/actor.js';
import type { Result } from '../shared/domain-error.js';
import { isUuid } from '../shared/find.js';
import { reading, type UseCaseContext } from '../shared/use-case.js';
import { AuditEvent } from '../audit/audit-event.entity.js';

/** Rule 9: who changed what of a record, and when, oldest first. Read-only. */
export function historyOf(context: UseCaseContext, entityId: string): Promise<Result<AuditEvent[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    if (!isUuid(entityId)) return [];
    return em.find(
      AuditEvent,
      { tenant: actor.tenantId, entityId },
      { populate: ['actor'], orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }] },
    );
  });
}
