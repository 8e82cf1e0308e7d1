import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { AuditEvent } from './audit-event.entity.js';

export const AUDIT_PAGE_MAX = 100;

export interface AuditLogFilter {
  /** e.g. "User", "CancellationPolicy". */
  entityType?: string | null | undefined;
  entityId?: string | null | undefined;
  /** The user who acted (a uuid). */
  actorId?: string | null | undefined;
  /** e.g. "setCancellationPolicy". */
  operation?: string | null | undefined;
  /** Instants: from inclusive, to exclusive. */
  from?: Date | null | undefined;
  to?: Date | null | undefined;
  /** At most AUDIT_PAGE_MAX; default 50. */
  first?: number | null | undefined;
  /** The `nextCursor` of the page before. */
  after?: string | null | undefined;
}

export interface AuditLogPage {
  events: AuditEvent[];
  /** Null on the last page. */
  nextCursor: string | null;
}

const cursorOf = (event: AuditEvent) => Buffer.from(`${event.occurredAt.toISOString()}|${event.id}`).toString('base64url');

function parseCursor(cursor: string): { occurredAt: Date; id: string } {
  const [instant = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(instant);
  if (Number.isNaN(occurredAt.getTime()) || !isUuid(id)) return refuse('VALIDATION', 'This cursor is not one this list gave.', ['after']);
  return { occurredAt, id };
}

/**
 * The tenant's audit log, newest first, filtered by entity, actor, operation and a period;
 * paginated by a cursor (keyset on the instant and id, so pages neither skip nor repeat an event
 * written meanwhile). ADMIN only.
 */
export function listAuditEvents(context: UseCaseContext, filter: AuditLogFilter = {}): Promise<Result<AuditLogPage>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readAuditLog');
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > AUDIT_PAGE_MAX) refuse('VALIDATION', `Ask for 1 to ${AUDIT_PAGE_MAX} events.`, ['first']);
    const where: Record<string, unknown>[] = [{ tenant: actor.tenantId }];
    if (filter.entityType) where.push({ entityType: filter.entityType });
    if (filter.entityId) where.push(isUuid(filter.entityId) ? { entityId: filter.entityId } : { id: null });
    if (filter.actorId) where.push(isUuid(filter.actorId) ? { actor: filter.actorId } : { id: null });
    if (filter.operation) where.push({ operation: filter.operation });
    if (filter.from) where.push({ occurredAt: { $gte: filter.from } });
    if (filter.to) where.push({ occurredAt: { $lt: filter.to } });
    if (filter.from && filter.to && filter.from >= filter.to) refuse('VALIDATION', 'The period ends after it starts.', ['filter', 'to']);
    if (filter.after) {
      const { occurredAt, id } = parseCursor(filter.after);
      where.push({ $or: [{ occurredAt: { $lt: occurredAt } }, { occurredAt, id: { $lt: id } }] });
    }
    const rows = await em.find(AuditEvent, { $and: where } as never, { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: first + 1 });
    const events = rows.slice(0, first);
    return { events, nextCursor: rows.length > first ? cursorOf(events.at(-1)!) : null };
  });
}

/** The operations the tenant's log holds, for a filter's choices (ADMIN). */
export function auditOperations(context: UseCaseContext): Promise<Result<string[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readAuditLog');
    const rows = await em.getConnection().execute<{ operation: string }[]>('select distinct operation from audit_event where tenant_id = ? order by operation', [actor.tenantId]);
    return rows.map((row) => row.operation);
  });
}
