import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntry } from '../audit/audit-log.js';
import type { Tenant } from '../tenancy/tenant.entity.js';
import { eventTypesOf } from './event-types.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Adds the outbox events an audited change implies to the same unit of work: they commit with
 * the change, or not at all (a rolled-back change leaves no event to publish).
 */
export function recordOutboxEvents(em: EntityManager, tenantId: string, occurredAt: Date, entry: AuditEntry): void {
  for (const eventType of eventTypesOf(entry)) {
    em.persist(
      em.create(OutboxEvent, {
        tenant: em.getReference<Tenant>('Tenant', tenantId),
        eventType,
        entityType: entry.entityType,
        entityId: entry.entityId,
        occurredAt,
        payload: {
          id: entry.entityId,
          entityType: entry.entityType,
          operation: entry.operation,
          before: entry.before ?? null,
          after: entry.after ?? null,
          reason: entry.reason ?? null,
        },
        publishedAt: null,
        createdAt: new Date(),
      }),
    );
  }
}
