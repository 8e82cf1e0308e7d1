import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** Amounts as the app writes them: the tenant's currency, the language's digits (Latin by default). */
function moneyIn(lang: string, amount: string, currency = 'SAR'): string {
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : 'en', { style: 'currency', currency }).format(amount as Intl.StringNumericLiteral);
}

/** /invoices/:id: the totals, taking a payment, voiding, the payments. */
export class InvoicePage extends Screen {
  money(amount: string): string {
    return moneyIn(this.words.lang, amount);
  }

  async goto(invoiceId: string, number: string): Promise<void> {
    await this.page.goto(`/invoices/${encodeURIComponent(invoiceId)}`);
    await this.expectHeading(this.t('invoiceTitle', { number }));
  }

  get paymentForm(): Locator {
    return this.page.getByRole('region', { name: this.t('takePayment') });
  }

  get notice(): Locator {
    return this.page.locator('.invoice-notice');
  }

  /** The figure a <dt> names in the totals. */
  total(key: 'invoiceTotal' | 'invoicePaidAmount' | 'invoiceBalance'): Locator {
    return this.fact(this.page.locator('.totals'), key);
  }

  get payments(): Locator {
    return this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: this.t('paymentMethod') }) }).locator('tbody tr');
  }

  async pay(amount: string, method: 'CASH' | 'CARD' | 'BANK_TRANSFER' | 'OTHER', reference = ''): Promise<void> {
    const form = this.paymentForm;
    await form.getByLabel(this.t('paymentAmount'), { exact: false }).fill(amount);
    await form.getByLabel(this.t('paymentMethod')).selectOption({ label: this.t(`method_${method}`) });
    await form.getByLabel(this.t('paymentReference')).fill(reference);
    await form.getByRole('button', { name: this.t('recordPayment') }).click();
  }
}

/** /finance: the package liability report. */
export class FinanceReportPage extends Screen {
  money(amount: string): string {
    return moneyIn(this.words.lang, amount);
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/finance${query}`);
    await this.expectHeading(this.t('financeTitle'));
  }

  figure(key: 'figureOpening' | 'figureSold' | 'figureRecognised' | 'figureBreakage' | 'figureRefunded' | 'figureClosing'): Locator {
    return this.page.locator('.finance-figures dt').filter({ hasText: this.t(key) }).locator('xpath=following-sibling::dd[1]');
  }

  get monthsTable(): Locator {
    return this.page.getByRole('table', { name: this.t('chartTitle') });
  }

  get chart(): Locator {
    return this.page.getByRole('img', { name: this.t('chartTitle') });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.figure('figureClosing')).toBeVisible();
    await expect(this.monthsTable).toBeVisible();
  }
}
