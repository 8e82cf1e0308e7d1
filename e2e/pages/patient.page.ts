import { expect, type Locator } from '@playwright/test';
import { PackageCard } from './package-card.js';
import { Screen } from './screen.js';

export interface CataloguePackage {
  nameEn: string;
  nameAr: string;
  totalSessions: number;
  validityDays: number;
  price: string;
}

/** /patients/:id: who the patient is, selling a package, and the cards of the packages bought. */
export class PatientPage extends Screen {
  get buyPackageButton(): Locator {
    return this.page.getByRole('button', { name: this.t('buyPackage') });
  }

  get buyPanel(): Locator {
    return this.page.getByRole('region', { name: this.t('buyPackage') });
  }

  get buyStatus(): Locator {
    return this.buyPanel.getByRole('status');
  }

  get noPackages(): Locator {
    return this.page.getByText(this.t('noPackages'));
  }

  get cards(): Locator {
    return this.page.getByRole('article');
  }

  /** The card of the (only) purchase of this package. */
  card(packageName: string): PackageCard {
    return new PackageCard(this.page.getByRole('article', { name: packageName, exact: true }), this.words);
  }

  async goto(patient: { id: string; nameEn: string; nameAr?: string | null }): Promise<void> {
    await this.page.goto(`/patients/${encodeURIComponent(patient.id)}`);
    await this.expectHeading(this.words.name(patient));
  }

  /** The catalogue option as the app writes it: "10 SLP Sessions — 10 sessions, 90 days, 2,700". */
  optionLabel(pkg: CataloguePackage): string {
    return this.t('packageOption', {
      name: this.words.name(pkg),
      sessions: pkg.totalSessions,
      days: pkg.validityDays,
      price: this.words.number(Number(pkg.price)),
    });
  }

  /** Chooses the package and issues its invoice; answers the invoice number shown. */
  async issueInvoice(pkg: CataloguePackage): Promise<string> {
    await this.buyPackageButton.click();
    await this.buyPanel.getByLabel(this.t('catalogue')).selectOption({ label: this.optionLabel(pkg) });
    await this.buyPanel.getByRole('button', { name: this.t('issueInvoice') }).click();
    const issued = this.buyStatus.getByText(this.words.pattern('invoiceIssued'));
    await expect(issued).toBeVisible();
    // The invoice's total: the tax-exclusive price plus the demo tenant's 15 % VAT, in halalas.
    const totalInMinorUnits = Math.round(Number(pkg.price) * 100 * 1.15);
    await expect(issued).toContainText(this.words.number(totalInMinorUnits / 100));
    const number = /INV-[\w-]+/.exec(await issued.innerText())?.[0];
    if (!number) throw new Error('the invoice notice shows no invoice number');
    return number;
  }

  /** "Upcoming appointments" or "Past appointments": a table of rows with their status, and "Show more". */
  appointments(when: 'upcoming' | 'past'): Locator {
    return this.page.getByRole('region', { name: this.t(when === 'upcoming' ? 'patientUpcomingTitle' : 'patientPastTitle'), exact: true });
  }

  appointmentRows(when: 'upcoming' | 'past'): Locator {
    return this.appointments(when).getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }

  /** "Show 2 more appointments". */
  moreAppointments(when: 'upcoming' | 'past'): Locator {
    return this.appointments(when).getByRole('button', { name: this.words.pattern('patientMoreAppointments') });
  }

  get invoices(): Locator {
    return this.page.getByRole('region', { name: this.t('patientInvoicesTitle'), exact: true });
  }

  invoiceRow(number: string): Locator {
    return this.invoices.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: number, exact: true }) });
  }

  async markPaid(invoiceNumber: string): Promise<void> {
    await this.buyStatus.getByRole('button', { name: this.t('markPaid') }).click();
    await expect(this.buyStatus).toContainText(this.t('invoicePaid', { number: invoiceNumber }));
  }
}
