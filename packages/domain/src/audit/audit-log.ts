import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from './audit-event.entity.js';
import { recordOutboxEvents } from '../outbox/outbox.js';
import type { Actor } from '../kernel/actor.js';
import type { Tenant } from '../tenancy/tenant.entity.js';
import type { User } from '../tenancy/user.entity.js';

export interface AuditEntry {
  operation: string;
  entityType: 'Appointment' | 'PackagePurchase' | 'Invoice' | 'Patient' | 'Package' | 'Provider' | 'CancellationPolicy' | 'User' | 'ApiToken' | 'Closure' | 'WebhookEndpoint' | 'Clinic' | 'Service' | 'WaitlistEntry' | 'Tenant';
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

/** Adds the events to the unit of work: they commit with the change they describe, or not at all. */
export function recordAudit(em: EntityManager, actor: Actor, now: Date, entries: AuditEntry[]): void {
  for (const entry of entries) {
    em.persist(
      em.create(AuditEvent, {
        tenant: em.getReference<Tenant>('Tenant', actor.tenantId),
        actor: actor.userId ? em.getReference<User>('User', actor.userId) : null,
        occurredAt: now,
        operation: entry.operation,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: entry.before ?? null,
        after: entry.after ?? null,
        reason: entry.reason ?? null,
        createdAt: now,
      }),
    );
    // What the change means to integrators (webhooks), in the same transaction.
    recordOutboxEvents(em, actor.tenantId, now, entry);
  }
}
