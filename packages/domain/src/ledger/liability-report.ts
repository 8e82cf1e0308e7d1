import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { addDays, isValidLocalDate, type LocalDate } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Decimal, formatAmount } from '../billing/money.js';
import type { LedgerEntryKind, TransferDirection } from './ledger-entry.entity.js';

/** A report covers at most this many clinic-local days (a leap year). */
export const MAX_REPORT_DAYS = 366;

export interface PackageLiabilityInput {
  /** The first clinic-local day, inclusive. */
  from: string;
  /** The last clinic-local day, inclusive. */
  to: string;
  /** Only the purchases of this clinic's packages; the whole tenant when left out. */
  clinicId?: string | null | undefined;
  /** How ids are written in the CSV (the API writes its global ids); the row's uuid by default. */
  csvIds?: { purchase: (id: string) => string; clinic: (id: string) => string } | undefined;
}

export interface LiabilityEntry {
  id: string;
  kind: LedgerEntryKind;
  /** Positive; the kind (and for TRANSFERRED the direction) gives the sign. */
  amount: string;
  occurredOn: LocalDate;
  packagePurchaseId: string;
  clinicId: string;
  transferDirection: TransferDirection | null;
}

export interface PackageLiabilityReport {
  currency: string;
  from: LocalDate;
  to: LocalDate;
  clinicId: string | null;
  /** The liability at the start of `from`: every entry dated before it. */
  opening: string;
  sold: string;
  /** RECOGNISED net of REVERSED. */
  recognised: string;
  breakage: string;
  refunded: string;
  /** Moved in from / out to another purchase. Tenant-wide the two are equal; for one clinic they need not be. */
  transferredIn: string;
  transferredOut: string;
  /** opening + sold + transferredIn - recognised - breakage - refunded - transferredOut. */
  closing: string;
  /** Sessions behind `recognised`: recognised sessions of the period less those reversed (waived). */
  sessionsRecognised: number;
  /** The period's entries, by day, then in the order they were written. */
  entries: LiabilityEntry[];
  /** The figures and the entries as RFC 4180 CSV. */
  csv: string;
}

interface FiguresRow {
  currency: string;
  clinic_found: boolean;
  opening: string;
  sold: string;
  recognised: string;
  reversed: string;
  breakage: string;
  refunded: string;
  transferred_in: string;
  transferred_out: string;
  ledger_closing: string;
  sessions_recognised: string;
  sessions_reversed: string;
}

interface EntryRow {
  id: string;
  kind: LedgerEntryKind;
  amount: string;
  occurred_on: string;
  package_purchase_id: string;
  clinic_id: string;
  transfer_direction: TransferDirection | null;
}

/** The ledger's entries of one tenant (and optionally one clinic's packages) up to the last day. */
const SCOPE = `
  params as (select ?::uuid as tenant_id, ?::uuid as clinic_id, ?::date as from_day, ?::date as to_day),
  scoped as (
    select l.*, pk.clinic_id, l.occurred_on >= params.from_day as in_period,
           case when l.kind in ('SOLD', 'REVERSED') or (l.kind = 'TRANSFERRED' and l.transfer_direction = 'IN')
                then l.amount else -l.amount end as signed
      from params
      join ledger_entry l on l.tenant_id = params.tenant_id and l.occurred_on <= params.to_day
      join package_purchase p on p.tenant_id = l.tenant_id and p.id = l.package_purchase_id
      join package pk on pk.tenant_id = p.tenant_id and pk.id = p.package_id
     where params.clinic_id is null or pk.clinic_id = params.clinic_id
  )`;

const FIGURES = `with ${SCOPE}
select (select t.currency from params join tenant t on t.id = params.tenant_id) as currency,
       (select params.clinic_id is null or exists (select 1 from clinic c where c.tenant_id = params.tenant_id and c.id = params.clinic_id) from params) as clinic_found,
       coalesce(sum(signed) filter (where not in_period), 0)::text as opening,
       coalesce(sum(amount) filter (where in_period and kind = 'SOLD'), 0)::text as sold,
       coalesce(sum(amount) filter (where in_period and kind = 'RECOGNISED'), 0)::text as recognised,
       coalesce(sum(amount) filter (where in_period and kind = 'REVERSED'), 0)::text as reversed,
       coalesce(sum(amount) filter (where in_period and kind = 'BREAKAGE'), 0)::text as breakage,
       coalesce(sum(amount) filter (where in_period and kind = 'REFUNDED'), 0)::text as refunded,
       coalesce(sum(amount) filter (where in_period and kind = 'TRANSFERRED' and transfer_direction = 'IN'), 0)::text as transferred_in,
       coalesce(sum(amount) filter (where in_period and kind = 'TRANSFERRED' and transfer_direction = 'OUT'), 0)::text as transferred_out,
       coalesce(sum(signed), 0)::text as ledger_closing,
       count(*) filter (where in_period and kind = 'RECOGNISED')::text as sessions_recognised,
       count(*) filter (where in_period and kind = 'REVERSED')::text as sessions_reversed
  from scoped`;

const ENTRIES = `with ${SCOPE}
select id, kind, amount::text, occurred_on::text, package_purchase_id, clinic_id, transfer_direction
  from scoped where in_period order by occurred_on, created_at, id`;

/**
 * The package liability (deferred revenue) of a period, from the ledger (ADMIN, FINANCE): the
 * balance at the start of `from`, what moved during the period by kind, and the balance at the
 * end of `to`, with the period's entries and a CSV of both. Dates are the clinic-local days the
 * ledger dates its entries by. For one clinic, a purchase counts where its package is sold, and
 * a transfer between purchases of two clinics moves liability from one to the other.
 * Two statements: the figures, and the entries.
 */
export function packageLiability(context: UseCaseContext, input: PackageLiabilityInput): Promise<Result<PackageLiabilityReport>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readLiabilityReport');
    if (!isValidLocalDate(input.from)) refuse('VALIDATION', 'The first day must be a date such as 2026-11-01.', ['from']);
    if (!isValidLocalDate(input.to)) refuse('VALIDATION', 'The last day must be a date such as 2026-11-30.', ['to']);
    if (input.to < input.from) refuse('VALIDATION', 'The last day comes before the first.', ['to']);
    if (addDays(input.from, MAX_REPORT_DAYS) <= input.to) refuse('VALIDATION', `A report covers at most ${MAX_REPORT_DAYS} days.`, ['to']);
    const clinicId = input.clinicId ?? null;
    if (clinicId !== null && !isUuid(clinicId)) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);

    const params = [actor.tenantId, clinicId, input.from, input.to];
    const [figures] = await em.execute<FiguresRow[]>(FIGURES, params);
    if (!figures) throw new Error('the report statement answers one row');
    if (!figures.clinic_found) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);
    const rows = await em.execute<EntryRow[]>(ENTRIES, params);

    const { currency } = figures;
    const money = (value: Decimal.Value) => formatAmount(value, currency);
    const recognised = new Decimal(figures.recognised).sub(figures.reversed);
    const closing = new Decimal(figures.opening)
      .add(figures.sold)
      .add(figures.transferred_in)
      .sub(recognised)
      .sub(figures.breakage)
      .sub(figures.refunded)
      .sub(figures.transferred_out);
    if (!closing.eq(figures.ledger_closing)) throw new Error(`the report's closing ${closing.toFixed()} is not the ledger's ${figures.ledger_closing}`);

    const report: Omit<PackageLiabilityReport, 'csv'> = {
      currency,
      from: input.from,
      to: input.to,
      clinicId,
      opening: money(figures.opening),
      sold: money(figures.sold),
      recognised: money(recognised),
      breakage: money(figures.breakage),
      refunded: money(figures.refunded),
      transferredIn: money(figures.transferred_in),
      transferredOut: money(figures.transferred_out),
      closing: money(closing),
      sessionsRecognised: Number(figures.sessions_recognised) - Number(figures.sessions_reversed),
      entries: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        amount: money(row.amount),
        occurredOn: row.occurred_on,
        packagePurchaseId: row.package_purchase_id,
        clinicId: row.clinic_id,
        transferDirection: row.transfer_direction,
      })),
    };
    return { ...report, csv: liabilityCsv(report, input.csvIds) };
  });
}

export const CSV_HEADER = ['record', 'date', 'kind', 'direction', 'package_purchase_id', 'clinic_id', 'sessions', 'amount', 'currency'] as const;

/**
 * One table (RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, a
 * quote or a line break): the opening balance, each entry of the period, each figure, and the
 * closing balance. Amounts are decimal strings; a figure row is dated by the period's end.
 */
export function liabilityCsv(
  report: Omit<PackageLiabilityReport, 'csv'>,
  ids: PackageLiabilityInput['csvIds'] = { purchase: (id) => id, clinic: (id) => id },
): string {
  const figure = (date: string, kind: string, amount: string, sessions = '') => ['figure', date, kind, '', '', '', sessions, amount, report.currency];
  const rows: string[][] = [
    [...CSV_HEADER],
    figure(report.from, 'OPENING', report.opening),
    ...report.entries.map((entry) => [
      'entry',
      entry.occurredOn,
      entry.kind,
      entry.transferDirection ?? '',
      ids.purchase(entry.packagePurchaseId),
      ids.clinic(entry.clinicId),
      '',
      entry.amount,
      report.currency,
    ]),
    figure(report.to, 'SOLD', report.sold),
    figure(report.to, 'RECOGNISED', report.recognised, String(report.sessionsRecognised)),
    figure(report.to, 'BREAKAGE', report.breakage),
    figure(report.to, 'REFUNDED', report.refunded),
    figure(report.to, 'TRANSFERRED_IN', report.transferredIn),
    figure(report.to, 'TRANSFERRED_OUT', report.transferredOut),
    figure(report.to, 'CLOSING', report.closing),
  ];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180, section 2: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
