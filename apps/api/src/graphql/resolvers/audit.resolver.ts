import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver, Query } from '../answers.js';
import { auditOperations, listAuditEvents, type AuditEvent as AuditEventEntity } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { fromGlobalId, idOf } from '../global-id.js';
import { InstantScalar } from '../scalars.js';
import { asAuditEvents } from '../source.js';
import { useCase } from '../viewer.js';
import { AuditEvent } from '../types/appointment.type.js';
import { orThrow } from './query-result.js';

@InputType({ description: 'Which audit events: every criterion given must hold.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'The kind of entity changed, e.g. "User", "CancellationPolicy", "Appointment".' }) entityType?: string | null;
  @Field(() => ID, { nullable: true, description: 'The entity changed: its global id (or the entityId an event shows).' }) entityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who acted.' }) actorId?: string | null;
  @Field(() => String, { nullable: true, description: 'The operation, e.g. "setCancellationPolicy".' }) operation?: string | null;
  @Field(() => InstantScalar, { nullable: true, description: 'From this instant, inclusive.' }) from?: Date | null;
  @Field(() => InstantScalar, { nullable: true, description: 'Until this instant, exclusive.' }) to?: Date | null;
}

@ObjectType({ description: 'One page of the audit log, newest first.' })
export class AuditLogPage {
  @Field(() => [AuditEvent], { description: 'The events of this page.' }) events!: AuditEvent[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null on the last.' }) nextCursor?: string | null;
}

/** A global id, or the raw id an event's entityId shows. */
const rawId = (id: string | null | undefined, type?: 'User'): string | null => {
  if (!id) return null;
  if (type) return idOf(type, id) === 'not-an-id' ? id : idOf(type, id);
  return fromGlobalId(id)?.id ?? id;
};

/** The audit log browser's API (ADMIN). */
@Resolver()
export class AuditLogResolver {
  @Query(() => AuditLogPage, { description: "The tenant's audit log, newest first, filtered and paginated (ADMIN)." })
  async auditLog(
    @Ctx() context: GraphqlContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which events.' }) filter?: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 100; default 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The nextCursor of the page before.' }) after?: string | null,
  ): Promise<AuditLogPage> {
    const page = orThrow(
      await listAuditEvents(useCase(context), {
        ...filter,
        entityId: rawId(filter?.entityId),
        actorId: rawId(filter?.actorId, 'User'),
        first,
        after,
      }),
    );
    return { events: asAuditEvents(page.events), nextCursor: page.nextCursor };
  }

  @Query(() => [String], { description: 'The operations the audit log holds, for a filter (ADMIN).' })
  async auditOperations(@Ctx() context: GraphqlContext): Promise<string[]> {
    return orThrow(await auditOperations(useCase(context)));
  }
}

@Resolver(() => AuditEvent)
export class AuditEventEntityResolver {
  @FieldResolver(() => String, { description: 'The kind of entity changed, e.g. "User", "Appointment".' })
  entityType(@Root() event: AuditEventEntity): string {
    return event.entityType;
  }

  @FieldResolver(() => ID, { description: 'The id of the entity changed (as stored; not a global id).' })
  entityId(@Root() event: AuditEventEntity): string {
    return event.entityId;
  }
}
