import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocaleTools, type Locale } from '../i18n/locale';
import { createScriptedClient, renderWithProviders } from '../testing/render';
import { TakePayment } from './take-payment';

afterEach(cleanup);

const invoice = { id: 'invoice-1', number: 'INV-2026-000007', currency: 'SAR', balance: '1725.00' };

function invoiceAfter(amountPaid: string, balance: string) {
  return {
    __typename: 'Invoice',
    ...invoice,
    status: balance === '0.00' ? 'PAID' : 'ISSUED',
    issuedAt: '2026-11-24T05:00:00.000Z',
    paidAt: null,
    subtotal: '1500.00',
    tax: '225.00',
    total: '1725.00',
    amountPaid,
    balance,
    patient: { __typename: 'Patient', id: 'patient-1', mrn: 'MRN-1', nameEn: 'Sara Ali', nameAr: null },
    package: {
      __typename: 'Package',
      id: 'package-1',
      nameEn: '10 SLP Sessions',
      nameAr: null,
      totalSessions: 10,
      clinic: { __typename: 'Clinic', id: 'clinic-1', nameEn: 'SLP', nameAr: null, timeZone: 'Asia/Riyadh' },
    },
    payments: [],
    canVoid: false,
    voidBlockedBy: null,
  };
}

/** The server: refuses more than the balance with OVERPAYMENT, else records the payment. */
function renderPayment(locale: Locale = 'en') {
  const sent: Array<Record<string, unknown>> = [];
  const onRecorded = vi.fn();
  const client = createScriptedClient(({ operationName, variables }) => {
    if (operationName !== 'RecordPaymentMutation') return null;
    const input = variables['input'] as Record<string, unknown>;
    sent.push(input);
    const over = Number(input['amount']) > 1725;
    return {
      recordPayment: {
        __typename: 'PaymentPayload',
        invoice: over ? null : invoiceAfter(String(input['amount']), '1225.00'),
        packagePurchase: null,
        userErrors: over ? [{ __typename: 'UserError', code: 'OVERPAYMENT', message: 'The server says no.', field: ['input', 'amount'], reason: null, params: [] }] : [],
      },
    };
  });
  renderWithProviders(<TakePayment invoice={invoice} onRecorded={onRecorded} />, { client, locale });
  return { sent, onRecorded };
}

describe('TakePayment', () => {
  it('refuses an overpayment in words, at the amount field, and records a part of the balance', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent, onRecorded } = renderPayment();
    const amount = screen.getByLabelText('Amount (SAR)');
    await user.clear(amount);
    await user.type(amount, '2,000');
    await user.selectOptions(screen.getByLabelText('Method'), 'Card');
    await user.type(screen.getByLabelText('Reference'), 'slip 42');
    await user.click(screen.getByRole('button', { name: 'Record the payment' }));
    expect(await screen.findByText(createLocaleTools('en').t('error_OVERPAYMENT'))).toBeTruthy();
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({ invoiceId: 'invoice-1', amount: '2000', method: 'CARD', reference: 'slip 42' });
    expect(onRecorded).not.toHaveBeenCalled();

    await user.clear(amount);
    await user.type(amount, '500.00');
    await user.click(screen.getByRole('button', { name: 'Record the payment' }));
    await vi.waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(1));
    expect(String(onRecorded.mock.calls[0]?.[0]).replace(/\u00a0/g, ' ')).toBe('Payment of SAR 500.00 recorded. Balance: SAR 1,225.00.');
  });

  it('reads Arabic-Indic digits and says the refusal in Arabic', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = renderPayment('ar');
    const amount = screen.getByLabelText('المبلغ (SAR)');
    await user.clear(amount);
    await user.type(amount, '٢٠٠٠٫٥٠');
    await user.click(screen.getByRole('button', { name: 'تسجيل الدفعة' }));
    expect(await screen.findByText(createLocaleTools('ar').t('error_OVERPAYMENT'))).toBeTruthy();
    expect(sent[0]?.['amount']).toBe('2000.50');
  });
});
