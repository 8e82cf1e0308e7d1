import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { type Viewer } from '../layout/viewer';
import { createScriptedClient, renderRoutes } from '../testing/render';
import { PatientsRoute } from './patients.route';

afterEach(cleanup);

/** A server holding `count` patients, answering `first`/`after` as the API does. */
function serverOf(count: number) {
  const all = Array.from({ length: count }, (_, i) => ({
    __typename: 'Patient' as const,
    id: `p${String(i).padStart(3, '0')}`,
    mrn: `MRN-${i}`,
    nameEn: `Patient ${String(i).padStart(3, '0')}`,
    nameAr: null,
    dateOfBirth: null,
    phone: null,
  }));
  return createScriptedClient(({ variables }) => {
    const { first, after } = variables as { first: number; after?: string | null };
    const start = after ? all.findIndex((p) => p.id === after) + 1 : 0;
    return { patients: all.slice(start, start + first) };
  });
}

/** The list as the shell shows it, to a receptionist. */
const receptionist = { role: 'RECEPTIONIST', permissions: ['managePatients'], provider: null } as unknown as Viewer;
const renderList = (count: number) => renderRoutes('/patients', [['/patients', <PatientsRoute />]], { client: serverOf(count), viewer: receptionist });

const rows = () => screen.getAllByRole('row').length - 1;

describe('the patient list pages', () => {
  it('offers "More results" only while there are more, and each press loads the next ones', async () => {
    renderList(41);
    await screen.findByText('Patient 000');
    expect(rows()).toBe(20);
    await userEvent.click(screen.getByRole('button', { name: 'More results' }));
    await screen.findByText('Patient 039');
    expect(rows()).toBe(40);
    await userEvent.click(screen.getByRole('button', { name: 'More results' }));
    await screen.findByText('Patient 040');
    expect(rows()).toBe(41);
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
  }, 15_000);

  it('offers nothing more at exactly 20 patients', async () => {
    renderList(20);
    await screen.findByText('Patient 019');
    expect(rows()).toBe(20);
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
  });
});
