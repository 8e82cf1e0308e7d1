import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

/** Talks to the GraphQL API the way an integrator would, to set up what a test needs. */
export class ClinicApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, email: string, password = 'demo-pass-2026'): Promise<ClinicApi> {
    const response = await request.post('/graphql', {
      data: { query: 'mutation($input: LoginInput!) { login(input: $input) { token userErrors { message } } }', variables: { input: { email, password } } },
    });
    const body = (await response.json()) as { data: { login: { token: string | null } } };
    if (!body.data.login.token) throw new Error(`cannot sign in as ${email}`);
    return new ClinicApi(request, body.data.login.token);
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.request.post('/graphql', {
      headers: { authorization: `Bearer ${this.token}` },
      data: { query, variables },
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }

  /** A new patient of tenant 1, so that tests never share one. */
  async createPatient(nameEn = `Test Patient ${randomUUID().slice(0, 6)}`): Promise<{ id: string; nameEn: string; mrn: string }> {
    const mrn = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
    const data = await this.query<{ createPatient: { patient: { id: string; nameEn: string; mrn: string } } }>(
      'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id nameEn mrn } userErrors { message } } }',
      { input: { mrn, nameEn, nameAr: 'مريض تجريبي' } },
    );
    return data.createPatient.patient;
  }

  async packageNamed(nameEn: string): Promise<{ id: string; totalSessions: number; clinic: { id: string } }> {
    const data = await this.query<{ packages: Array<{ id: string; nameEn: string; totalSessions: number; clinic: { id: string } }> }>(
      '{ packages { id nameEn totalSessions clinic { id } } }',
    );
    const found = data.packages.find((pkg) => pkg.nameEn === nameEn);
    if (!found) throw new Error(`no package ${nameEn}`);
    return found;
  }

  /** Issues and pays the invoice: the patient owns an ACTIVE purchase. */
  async buyPackage(patientId: string, packageName = '10 SLP Sessions'): Promise<{ id: string }> {
    const pkg = await this.packageNamed(packageName);
    const issued = await this.query<{ purchasePackage: { invoice: { id: string } } }>(
      'mutation($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id } userErrors { message } } }',
      { input: { patientId, packageId: pkg.id } },
    );
    const paid = await this.query<{ payInvoice: { packagePurchase: { id: string } } }>(
      'mutation($input: PayInvoiceInput!) { payInvoice(input: $input) { packagePurchase { id } userErrors { message } } }',
      { input: { invoiceId: issued.purchasePackage.invoice.id } },
    );
    return paid.payInvoice.packagePurchase;
  }

  async providers(clinicId?: string): Promise<Array<{ id: string; name: string }>> {
    const data = await this.query<{ providers: Array<{ id: string; name: string }> }>(
      'query($c: ID) { providers(clinicId: $c) { id name } }',
      { c: clinicId ?? null },
    );
    return data.providers;
  }
}
