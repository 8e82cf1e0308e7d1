import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, sqlRows, startSeededApi, uuidOf, type SeededApi, type UserErrors } from '../testing/graphql-client.js';

/** updatePatient over HTTP: corrections, the MRN kept unique, roles, and the audit trail. */

let api: SeededApi;

beforeAll(async () => {
  api = await startSeededApi();
});
afterAll(() => api?.close());

const CREATE = `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { patient { id mrn } userErrors { code field } } }`;
const UPDATE = `mutation ($input: UpdatePatientInput!) {
  updatePatient(input: $input) { patient { id mrn nameEn nameAr dateOfBirth phone } userErrors { code field message } }
}`;

interface Updated {
  updatePatient: { patient: { id: string; mrn: string; nameEn: string; nameAr: string | null; dateOfBirth: string | null; phone: string | null } | null } & UserErrors;
}

describe('updatePatient', () => {
  it('corrects a patient, keeps the MRN unique, and refuses other roles', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const created = await reception.data<{ createPatient: { patient: { id: string } } }>(CREATE, {
      input: { mrn: 'MRN-UPD-1', nameEn: 'Hala Saeed', phone: '+966 55 123 0000' },
    });
    const id = created.createPatient.patient.id;

    const { updatePatient } = await reception.data<Updated>(UPDATE, { input: { patientId: id, nameAr: 'هالة سعيد', dateOfBirth: '2018-02-03', phone: null } });
    expect(updatePatient.userErrors).toEqual([]);
    expect(updatePatient.patient).toEqual({ id, mrn: 'MRN-UPD-1', nameEn: 'Hala Saeed', nameAr: 'هالة سعيد', dateOfBirth: '2018-02-03', phone: null });

    // A demo patient's MRN is taken: refused, nothing changed.
    const taken = await reception.data<Updated>(UPDATE, { input: { patientId: id, mrn: 'MRN-100001', nameEn: 'Other Name' } });
    expect(taken.updatePatient).toMatchObject({ patient: null, userErrors: [{ code: 'CONFLICT', field: ['input', 'mrn'] }] });
    const again = await reception.data<{ node: { mrn: string; nameEn: string } }>(`query ($id: ID!) { node(id: $id) { ... on Patient { mrn nameEn } } }`, { id });
    expect(again.node).toEqual({ mrn: 'MRN-UPD-1', nameEn: 'Hala Saeed' });

    for (const email of [DEMO_EMAILS.finance, DEMO_EMAILS.clinician]) {
      const refused = await (await api.as(email)).data<Updated>(UPDATE, { input: { patientId: id, nameEn: 'Changed' } });
      expect(refused.updatePatient).toMatchObject({ patient: null, userErrors: [{ code: 'FORBIDDEN' }] });
    }
    const foreign = await (await api.as(DEMO_EMAILS.otherAdmin)).data<Updated>(UPDATE, { input: { patientId: id, nameEn: 'Changed' } });
    expect(foreign.updatePatient).toMatchObject({ patient: null, userErrors: [{ code: 'NOT_FOUND' }] });

    const audit = await sqlRows<{ operation: string; after: unknown }>(
      api.db,
      `select operation, after from audit_event where entity_id = $1 and operation = 'updatePatient'`,
      [uuidOf(id)],
    );
    expect(audit).toEqual([{ operation: 'updatePatient', after: { nameAr: 'هالة سعيد', dateOfBirth: '2018-02-03', phone: null } }]);
  });
});
