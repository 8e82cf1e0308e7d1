import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_EMAILS, startSeededApi, type SeededApi } from '../testing/graphql-client.js';

/**
 * Over HTTP: a patient's e-mail, language and consent; and the demo's messages (the seed runs
 * the reminders) read alike by the patient, the list and the node, by every staff role.
 */
let api: SeededApi;

beforeAll(async () => {
  api = await startSeededApi();
});
afterAll(() => api?.close());

const MESSAGE = 'id channel template language status skipReason recipient subject body createdAt sentAt';

interface Message {
  id: string;
  status: string;
  patient?: { id: string };
}

it('takes the contact details, refuses a bad address, and shows the messages by every path', async () => {
  const reception = await api.as(DEMO_EMAILS.reception);
  const created = await reception.data<{ createPatient: { patient: Record<string, unknown> | null; userErrors: Array<{ code: string; reason: string | null }> } }>(
    `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { patient { email preferredLanguage remindersByEmail remindersBySms consentRecordedAt } userErrors { code reason } } }`,
    { input: { mrn: 'MRN-MSG-1', nameEn: 'Mona Adel', email: ' Mona@Example.COM ', preferredLanguage: 'AR', remindersBySms: true } },
  );
  expect(created.createPatient.patient).toMatchObject({ email: 'mona@example.com', preferredLanguage: 'AR', remindersByEmail: false, remindersBySms: true });
  expect(created.createPatient.patient?.['consentRecordedAt']).toEqual(expect.any(String));
  const refused = await reception.data<{ createPatient: { patient: null; userErrors: Array<{ code: string; reason: string | null; field: string[] }> } }>(
    `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } userErrors { code reason field } } }`,
    { input: { mrn: 'MRN-MSG-2', nameEn: 'No Address', email: 'mona at example' } },
  );
  expect(refused.createPatient).toEqual({ patient: null, userErrors: [{ code: 'VALIDATION', reason: 'NOT_AN_EMAIL', field: ['input', 'email'] }] });

  // The seed ran the reminders at its "now": some messages were recorded.
  const admin = await api.as(DEMO_EMAILS.admin);
  const listed = await admin.data<{ patientMessages: Message[] }>(`{ patientMessages(first: 100) { ${MESSAGE} patient { id } } }`);
  expect(listed.patientMessages.length).toBeGreaterThan(0);
  expect(new Set(listed.patientMessages.map((message) => message.status))).toEqual(new Set(['SENT', 'SKIPPED']));

  for (const email of [DEMO_EMAILS.admin, DEMO_EMAILS.reception, DEMO_EMAILS.finance, DEMO_EMAILS.clinician]) {
    const client = await api.as(email);
    const root = (await client.data<{ patientMessages: Message[] }>(`{ patientMessages(first: 100) { ${MESSAGE} patient { id } } }`)).patientMessages;
    const patientIds = [...new Set(root.map((message) => message.patient?.id))];
    const nested: Message[] = [];
    for (const id of patientIds) {
      const answer = await client.data<{ node: { messages: Message[] } }>(`query ($id: ID!) { node(id: $id) { ... on Patient { messages { ${MESSAGE} } } } }`, { id });
      nested.push(...answer.node.messages);
    }
    const byNode = await Promise.all(root.map(async (message) => (await client.data<{ node: Message }>(`query ($id: ID!) { node(id: $id) { ... on PatientMessage { ${MESSAGE} } } }`, { id: message.id })).node));
    const withoutPatient = root.map(({ patient: _patient, ...rest }) => rest);
    expect({ email, nested: nested.sort((a, b) => a.id.localeCompare(b.id)) }).toEqual({ email, nested: [...withoutPatient].sort((a, b) => a.id.localeCompare(b.id)) });
    expect({ email, byNode }).toEqual({ email, byNode: withoutPatient });
    // Every role but the clinician sees them all; the clinician, their own patients'.
    if (email !== DEMO_EMAILS.clinician) expect(root.length).toBe(listed.patientMessages.length);
    else expect(root.length).toBeLessThanOrEqual(listed.patientMessages.length);
  }

  // Another tenant sees none of them.
  const other = await api.as(DEMO_EMAILS.otherAdmin);
  expect((await other.data<{ patientMessages: Message[] }>(`{ patientMessages { id } }`)).patientMessages).toEqual([]);
  const foreign = await other.data<{ node: Message | null }>(`query ($id: ID!) { node(id: $id) { id } }`, { id: listed.patientMessages[0]!.id });
  expect(foreign.node).toBeNull();
});
