import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppointmentStatus } from '../graphql/generated';
import { type Locale } from '../i18n/locale';
import { createScriptedClient, renderWithProviders, type AskedOperation } from '../testing/render';
import { StatusActions } from './status-actions';

afterEach(cleanup);

const consequences: Record<string, object> = {
  NO_SHOW: { kind: 'NO_SHOW_CONSUMES', consumesSession: true, requiresConfirmation: true, sessionNumber: 4, totalSessions: 10, lateCancellationWindowHours: null },
  CANCELLED: { kind: 'LATE_CANCELLATION_CONSUMES', consumesSession: true, requiresConfirmation: true, sessionNumber: 4, totalSessions: 10, lateCancellationWindowHours: 24 },
  COMPLETED: { kind: 'EARLY_COMPLETION', consumesSession: true, requiresConfirmation: true, sessionNumber: 4, totalSessions: 10, lateCancellationWindowHours: null },
  CONFIRMED: { kind: 'NONE', consumesSession: false, requiresConfirmation: false, sessionNumber: 4, totalSessions: 10, lateCancellationWindowHours: null },
};

/** A client whose network answers the consequence the server would give, and records what is sent. */
function clientAnswering(sent: AskedOperation[]) {
  return createScriptedClient((operation) => {
    sent.push(operation);
    if (operation.operationName === 'StatusChangeConsequenceQuery') {
      const status = operation.variables['status'] as string;
      return {
        node: {
          __typename: 'Appointment',
          id: 'appointment-1',
          consequenceOf: { __typename: 'StatusChangeConsequence', fee: null, message: 'English wording', ...consequences[status] },
        },
      };
    }
    return { setAppointmentStatus: { __typename: 'SetAppointmentStatusPayload', appointment: null, packagePurchase: null, userErrors: [] } };
  });
}

function renderActions(allowed: AppointmentStatus[], locale: Locale = 'en') {
  const sent: AskedOperation[] = [];
  const onChanged = vi.fn();
  renderWithProviders(<StatusActions appointmentId="appointment-1" allowedTransitions={allowed} onChanged={onChanged} />, {
    client: clientAnswering(sent),
    locale,
  });
  const mutations = () => sent.filter((s) => s.operationName === 'SetAppointmentStatusMutation');
  return { sent, mutations };
}

describe('StatusActions', () => {
  it('offers exactly the transitions the server allows', () => {
    renderActions(['CONFIRMED', 'CANCELLED']);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Confirm', 'Cancel appointment']);
    cleanup();
    renderActions([]);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('No further changes are possible.')).toBeTruthy();
  });

  it('states that a no-show uses a session, in a dialog; Escape goes back, sends nothing and returns focus', async () => {
    const user = userEvent.setup();
    const { mutations } = renderActions(['CONFIRMED', 'NO_SHOW']);
    const noShow = screen.getByRole('button', { name: 'No-show' });
    await user.click(noShow);
    const dialog = await screen.findByRole('alertdialog', { name: 'No-show?' });
    expect(dialog.textContent).toContain("This no-show uses session 4 of 10 of the package, under the clinic's policy.");
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Go back' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(noShow);
    expect(mutations()).toEqual([]);
  });

  it('makes the change only once confirmed', async () => {
    const user = userEvent.setup();
    const { mutations } = renderActions(['COMPLETED']);
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Complete?' });
    expect(dialog.textContent).toContain('This appointment has not started yet. Completing it now records it as delivered and uses session 4 of 10 of the package.');
    expect(mutations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Yes, continue' }));
    await waitFor(() => expect(mutations()).toHaveLength(1));
    expect(mutations()[0]?.variables).toEqual({ input: { appointmentId: 'appointment-1', status: 'COMPLETED', reason: null } });
  });

  it('sends a change that uses nothing at once, without a dialog', async () => {
    const user = userEvent.setup();
    const { mutations } = renderActions(['CONFIRMED']);
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(mutations()).toHaveLength(1));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('words a late cancellation in Arabic, with the reason kept for the change', async () => {
    const user = userEvent.setup();
    const { mutations } = renderActions(['CANCELLED'], 'ar');
    await user.click(screen.getByRole('button', { name: 'إلغاء الموعد' }));
    await user.type(screen.getByRole('textbox'), 'ظرف عائلي');
    await user.click(screen.getAllByRole('button', { name: 'إلغاء الموعد' })[1]!);
    const dialog = await screen.findByRole('alertdialog');
    const n = (value: number) => new Intl.NumberFormat('ar').format(value);
    expect(dialog.textContent).toContain(`هذا إلغاء متأخر (قبل أقل من ${n(24)} ساعة من بدء الموعد)، ويستهلك الجلسة ${n(4)} من ${n(10)} من الباقة وفق سياسة العيادة.`);
    await user.click(screen.getByRole('button', { name: 'نعم، متابعة' }));
    await waitFor(() => expect(mutations()).toHaveLength(1));
    expect(mutations()[0]?.variables).toEqual({ input: { appointmentId: 'appointment-1', status: 'CANCELLED', reason: 'ظرف عائلي' } });
  });
});
