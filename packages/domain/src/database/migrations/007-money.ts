import { Migration } from '@mikro-orm/migrations';

/**
 * Money: the tenant's currency, tax rate and VAT number; invoices with subtotal, tax, total,
 * partial payments and void; the append-only ledger of deferred revenue and each purchase's
 * running totals.
 *
 * Rows from before: an invoice keeps its total as its subtotal with no tax (that is what was
 * charged), a paid one gets one payment of its total (method OTHER), and each purchase gets the
 * ledger its history implies (SOLD on its purchase date, RECOGNISED per consumed session,
 * BREAKAGE when it expired), written in one statement so the running totals agree at once.
 */
export class Money extends Migration {
  override async up(): Promise<void> {
    // The tenant's money settings.
    this.addSql(`alter table "tenant" add column "currency" text not null default 'SAR', add column "tax_rate" numeric(5,2) not null default 15, add column "vat_number" text null`);
    this.addSql(`alter table "tenant" add constraint tenant_vat_number_not_blank check(vat_number is null or btrim(vat_number) <> '')`);
    this.addSql('alter table "tenant" add constraint tenant_tax_rate_range check(tax_rate >= 0 and tax_rate <= 100)');
    this.addSql(`alter table "tenant" add constraint tenant_currency_iso_code check(currency ~ '^[A-Z]{3}$')`);

    // Invoices: amounts, payments so far, void, and the intended second open invoice.
    this.addSql(
      'alter table "invoice" add column "currency" text null, add column "subtotal" numeric(12,2) null, add column "tax_rate" numeric(5,2) null, add column "tax" numeric(12,2) null, add column "amount_paid" numeric(12,2) not null default 0, add column "voided_at" timestamptz null, add column "void_reason" text null, add column "allow_another_open" boolean not null default false',
    );
    this.addSql(`update "invoice" i set currency = t.currency, subtotal = i.total, tax_rate = 0, tax = 0,
      amount_paid = case when i.status = 'PAID' then i.total else 0 end,
      voided_at = case when i.status = 'VOID' then i.created_at end,
      void_reason = case when i.status = 'VOID' then 'Voided before reasons were recorded.' end
      from "tenant" t where t.id = i.tenant_id`);
    this.addSql('alter table "invoice" alter column "currency" set not null, alter column "subtotal" set not null, alter column "tax_rate" set not null, alter column "tax" set not null');
    // Open duplicates from before the rule count as intended.
    this.addSql(`update "invoice" set allow_another_open = true where id in (
      select id from (select id, row_number() over (partition by tenant_id, patient_id, package_id order by issued_at, id) as n
                        from "invoice" where status = 'ISSUED') as open where n > 1)`);
    this.addSql(`create unique index "invoice_one_open_per_patient_package" on "invoice" ("tenant_id", "patient_id", "package_id") where status = 'ISSUED' and not allow_another_open`);
    this.addSql('alter table "invoice" add constraint invoice_tax_rate_range check(tax_rate >= 0 and tax_rate <= 100)');
    this.addSql(`alter table "invoice" add constraint invoice_void_with_reason check((status = 'VOID') = (voided_at is not null) and (voided_at is null) = (void_reason is null) and (void_reason is null or btrim(void_reason) <> ''))`);
    this.addSql(`alter table "invoice" add constraint invoice_status_matches_payments check((status = 'PAID' and amount_paid = total) or (status = 'ISSUED' and (amount_paid < total or total = 0)) or (status = 'VOID' and amount_paid = 0))`);
    this.addSql('alter table "invoice" add constraint invoice_paid_within_total check(amount_paid >= 0 and amount_paid <= total)');
    this.addSql('alter table "invoice" add constraint invoice_amounts_add_up check(subtotal >= 0 and tax >= 0 and total = subtotal + tax)');

    // Payments.
    this.addSql(`create table "payment" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "invoice_id" uuid not null, "amount" numeric(12,2) not null, "method" text check ("method" in ('CASH', 'CARD', 'BANK_TRANSFER', 'OTHER')) not null, "reference" text null, "received_at" timestamptz not null, constraint "payment_pkey" primary key ("id"), constraint payment_reference_not_blank check (reference is null or btrim(reference) <> ''), constraint payment_amount_positive check (amount > 0))`);
    this.addSql('create index "payment_invoice_id_index" on "payment" ("invoice_id")');
    this.addSql('alter table "payment" add constraint "payment_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "payment" add constraint "payment_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "payment" add constraint "payment_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade');
    this.addSql('alter table "payment" add constraint "payment_invoice_tenant_fk" foreign key ("tenant_id", "invoice_id") references "invoice" ("tenant_id", "id")');
    this.addSql(`insert into "payment" (id, tenant_id, created_at, invoice_id, amount, method, reference, received_at)
      select gen_random_uuid(), tenant_id, paid_at, id, total, 'OTHER', null, paid_at from "invoice" where status = 'PAID' and total > 0`);

    // The ledger.
    this.addSql(`create table "ledger_entry" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "package_purchase_id" uuid not null, "kind" text check ("kind" in ('SOLD', 'RECOGNISED', 'BREAKAGE', 'REFUNDED', 'REVERSED', 'TRANSFERRED')) not null, "amount" numeric(12,2) not null, "occurred_on" date not null, "appointment_id" uuid null, "transfer_direction" text check ("transfer_direction" in ('IN', 'OUT')) null, constraint "ledger_entry_pkey" primary key ("id"), constraint ledger_entry_transfer_direction check ((kind = 'TRANSFERRED') = (transfer_direction is not null)), constraint ledger_entry_amount_positive check (amount > 0))`);
    this.addSql('create index "ledger_entry_tenant_id_occurred_on_index" on "ledger_entry" ("tenant_id", "occurred_on")');
    this.addSql('create index "ledger_entry_package_purchase_id_index" on "ledger_entry" ("package_purchase_id")');
    this.addSql('alter table "ledger_entry" add constraint "ledger_entry_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "ledger_entry" add constraint "ledger_entry_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "ledger_entry" add constraint "ledger_entry_package_purchase_id_foreign" foreign key ("package_purchase_id") references "package_purchase" ("id") on update cascade');
    this.addSql('alter table "ledger_entry" add constraint "ledger_entry_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict');
    this.addSql('alter table "ledger_entry" add constraint "ledger_entry_package_purchase_tenant_fk" foreign key ("tenant_id", "package_purchase_id") references "package_purchase" ("tenant_id", "id")');
    this.addSql('alter table "ledger_entry" add constraint "ledger_entry_appointment_tenant_fk" foreign key ("tenant_id", "appointment_id") references "appointment" ("tenant_id", "id")');

    // Each purchase's running totals and the invariant they hold.
    this.addSql('alter table "package_purchase" add column "paid" numeric(12,2) not null default 0, add column "recognised" numeric(12,2) not null default 0, add column "breakage" numeric(12,2) not null default 0, add column "refunded" numeric(12,2) not null default 0, add column "transferred_in" numeric(12,2) not null default 0, add column "transferred_out" numeric(12,2) not null default 0, add column "liability" numeric(12,2) not null default 0');
    this.addSql('alter table "package_purchase" add constraint package_purchase_totals_not_negative check(paid >= 0 and recognised >= 0 and breakage >= 0 and refunded >= 0 and transferred_in >= 0 and transferred_out >= 0)');
    this.addSql(`alter table "package_purchase" add constraint package_purchase_no_liability_when_ended check(status = 'ACTIVE' or liability = 0)`);
    this.addSql('alter table "package_purchase" add constraint package_purchase_liability_not_negative check(liability >= 0)');
    this.addSql('alter table "package_purchase" add constraint package_purchase_ledger_balances check(paid + transferred_in = recognised + breakage + refunded + transferred_out + liability)');

    // Append-only, like the audit history.
    this.addSql(`create or replace function ledger_entry_read_only() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only' using errcode = 'P0001', constraint = 'ledger_entry_read_only';
end
$$`);
    this.addSql('create trigger ledger_entry_read_only before update or delete or truncate on "ledger_entry" for each statement execute function ledger_entry_read_only()');

    // The running totals follow the ledger: each inserting statement adds its rows, once per purchase,
    // so a statement that writes a whole history at once passes the CHECKs at its end.
    this.addSql(`create or replace function ledger_entry_apply() returns trigger language plpgsql as $$
begin
  update package_purchase p set
    paid = p.paid + s.sold,
    recognised = p.recognised + s.recognised - s.reversed,
    breakage = p.breakage + s.breakage,
    refunded = p.refunded + s.refunded,
    transferred_in = p.transferred_in + s.transferred_in,
    transferred_out = p.transferred_out + s.transferred_out,
    liability = p.liability + s.sold + s.reversed + s.transferred_in - s.recognised - s.breakage - s.refunded - s.transferred_out
  from (
    select package_purchase_id,
           coalesce(sum(amount) filter (where kind = 'SOLD'), 0) as sold,
           coalesce(sum(amount) filter (where kind = 'RECOGNISED'), 0) as recognised,
           coalesce(sum(amount) filter (where kind = 'REVERSED'), 0) as reversed,
           coalesce(sum(amount) filter (where kind = 'BREAKAGE'), 0) as breakage,
           coalesce(sum(amount) filter (where kind = 'REFUNDED'), 0) as refunded,
           coalesce(sum(amount) filter (where kind = 'TRANSFERRED' and transfer_direction = 'IN'), 0) as transferred_in,
           coalesce(sum(amount) filter (where kind = 'TRANSFERRED' and transfer_direction = 'OUT'), 0) as transferred_out
      from inserted group by package_purchase_id
  ) s
  where p.id = s.package_purchase_id;
  return null;
end
$$`);
    this.addSql('create trigger ledger_entry_apply after insert on "ledger_entry" referencing new table as inserted for each statement execute function ledger_entry_apply()');

    // The ledger of the purchases made before it existed.
    this.addSql(`with p as (
  select pp.id, pp.tenant_id, pp.status, pp.purchase_date, pp.expiry_date, pp.total_sessions, i.subtotal as net,
         trunc(i.subtotal / pp.total_sessions, 2) as value, c.time_zone
    from package_purchase pp
    join invoice i on i.id = pp.invoice_id
    join package k on k.id = pp.package_id
    join clinic c on c.id = k.clinic_id
), consumed as (
  select a.id as appointment_id, a.package_purchase_id, a.updated_at,
         row_number() over (partition by a.package_purchase_id order by a.updated_at, a.session_number_in_package) as n
    from appointment a where a.session_consumed
), recognised as (
  select p.id, p.tenant_id, c.appointment_id, (c.updated_at at time zone p.time_zone)::date as day,
         case when c.n = p.total_sessions then p.net - p.value * (p.total_sessions - 1) else p.value end as amount
    from p join consumed c on c.package_purchase_id = p.id
   where c.n <= p.total_sessions
)
insert into ledger_entry (id, tenant_id, package_purchase_id, kind, amount, occurred_on, appointment_id)
select gen_random_uuid(), tenant_id, id, 'SOLD', net, purchase_date, null from p where net > 0
union all
select gen_random_uuid(), tenant_id, id, 'RECOGNISED', amount, day, appointment_id from recognised where amount > 0
union all
select gen_random_uuid(), p.tenant_id, p.id, 'BREAKAGE', p.net - coalesce(r.total, 0), p.expiry_date + 1, null
  from p left join (select id, sum(amount) as total from recognised group by id) r on r.id = p.id
 where p.status in ('EXPIRED', 'CANCELLED') and p.net - coalesce(r.total, 0) > 0`);
  }
}
