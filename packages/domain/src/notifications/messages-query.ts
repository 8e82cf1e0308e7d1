import { raw } from '@mikro-orm/postgresql';
import { readFilter } from '../access/read-policy.js';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { pageSize } from '../queries/pagination.js';
import { MESSAGE_STATUSES, PatientMessage, type MessageStatus } from './patient-message.entity.js';

/** At most this many messages a patient, newest first, on the patient (the root list pages further). */
export const MESSAGES_PER_PATIENT = 50;

const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * The messages of many patients that the actor may read, newest first (at most
 * MESSAGES_PER_PATIENT each): one statement for the API's batch loader.
 */
export async function messagesOfPatients(context: UseCaseContext, patientIds: readonly string[]): Promise<PatientMessage[][]> {
  const ids = patientIds.filter(isUuid);
  const rows =
    ids.length === 0
      ? []
      : await context.em.find(
          PatientMessage,
          {
            $and: [
              readFilter(context.actor, PatientMessage),
              { patient: { $in: ids } },
              // The newest N of each patient, in the same statement: fewer than N newer than it.
              {
                [raw(
                  (m: string) =>
                    `(select count(*) from patient_message newer where newer.patient_id = ${m}.patient_id and (newer.created_at, newer.id) > (${m}.created_at, ${m}.id))`,
                )]: { $lt: MESSAGES_PER_PATIENT },
              },
            ],
          },
          { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
        );
  const groups = new Map<string, PatientMessage[]>(patientIds.map((id) => [id, []]));
  for (const row of rows) groups.get(row.patient.id)?.push(row);
  return patientIds.map((id) => groups.get(id) ?? []);
}

export interface MessageFilter {
  readonly patientId?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly first?: number | null | undefined;
  /** The id of the last message of the previous page. */
  readonly afterMessageId?: string | null | undefined;
}

/** The messages the actor may read, newest first, of one patient or all, optionally of one status. */
export function listPatientMessages(context: UseCaseContext, filter: MessageFilter): Promise<Result<PatientMessage[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readPatients');
    const first = pageSize(filter.first);
    if (filter.status && !(MESSAGE_STATUSES as readonly string[]).includes(filter.status)) refuse('VALIDATION', 'Unknown message status.', ['status']);
    const after = filter.afterMessageId
      ? await em.findOne(PatientMessage, { $and: [readFilter(actor, PatientMessage), { id: isUuid(filter.afterMessageId) ? filter.afterMessageId : NONE }] })
      : null;
    if (filter.afterMessageId && !after) refuse('VALIDATION', '"after" is not a message of this list.', ['after']);
    return em.find(
      PatientMessage,
      {
        $and: [
          readFilter(actor, PatientMessage),
          filter.patientId != null ? { patient: isUuid(filter.patientId) ? filter.patientId : NONE } : {},
          filter.status ? { status: filter.status as MessageStatus } : {},
          after ? { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] } : {},
        ],
      },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: first },
    );
  });
}
