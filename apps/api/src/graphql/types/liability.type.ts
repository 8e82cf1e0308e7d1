import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LEDGER_ENTRY_KINDS, TRANSFER_DIRECTIONS, type LedgerEntryKind as Kind, type TransferDirection as Direction } from '@clinic/domain';
import { LocalDateScalar } from '../scalars.js';

export const LedgerEntryKind = Object.fromEntries(LEDGER_ENTRY_KINDS.map((kind) => [kind, kind])) as { [K in Kind]: K };
registerEnumType(LedgerEntryKind, {
  name: 'LedgerEntryKind',
  description: "A movement of a purchase's deferred revenue.",
  valuesConfig: {
    SOLD: { description: 'The paid net amount becomes a liability.' },
    RECOGNISED: { description: "A consumed session's value is earned." },
    BREAKAGE: { description: 'What is left when the purchase expires is earned.' },
    REFUNDED: { description: 'Money given back.' },
    REVERSED: { description: "A waived session's recognition undone." },
    TRANSFERRED: { description: 'Liability moved to or from another purchase (see transferDirection).' },
  },
});

export const TransferDirection = Object.fromEntries(TRANSFER_DIRECTIONS.map((direction) => [direction, direction])) as { [K in Direction]: K };
registerEnumType(TransferDirection, {
  name: 'TransferDirection',
  description: 'Which side of a transfer an entry is.',
  valuesConfig: {
    IN: { description: 'Into this purchase.' },
    OUT: { description: 'Out of this purchase.' },
  },
});

@ObjectType({ description: 'One movement of the ledger, in net (tax-exclusive) amounts.' })
export class LedgerEntry {
  @Field(() => LedgerEntryKind, { description: 'What moved.' }) kind!: Kind;
  @Field(() => String, { description: 'Positive decimal in the tenant\'s currency, e.g. "333.33"; the kind gives the direction.' }) amount!: string;
  @Field(() => LocalDateScalar, { description: 'The clinic-local day of its cause (payment, status change, expiry).' }) occurredOn!: string;
  @Field(() => TransferDirection, { nullable: true, description: 'IN or OUT for TRANSFERRED; null otherwise.' }) transferDirection!: Direction | null;
  /** Resolved by LiabilityEntryFieldsResolver. */
  packagePurchaseId!: string;
}

@ObjectType({ description: 'Package liability (deferred revenue) of a period, from the ledger. All amounts are decimal strings.' })
export class PackageLiabilityReport {
  @Field(() => String, { description: "The tenant's currency (ISO 4217)." }) currency!: string;
  @Field(() => LocalDateScalar, { description: 'The first clinic-local day of the period.' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'The last clinic-local day of the period, inclusive.' }) to!: string;
  @Field(() => String, { description: 'The liability at the start of `from`.' }) opening!: string;
  @Field(() => String, { description: 'Net amounts of the purchases paid in the period.' }) sold!: string;
  @Field(() => String, { description: "Consumed sessions' value, net of reversals (waivers)." }) recognised!: string;
  @Field(() => Int, { description: 'Sessions behind `recognised`: those recognised less those reversed.' }) sessionsRecognised!: number;
  @Field(() => String, { description: 'What expired purchases left.' }) breakage!: string;
  @Field(() => String, { description: 'Money refunded.' }) refunded!: string;
  @Field(() => String, { description: 'Moved in from purchases elsewhere (for one clinic: of other clinics; tenant-wide it equals transferredOut).' })
  transferredIn!: string;
  @Field(() => String, { description: 'Moved out to other purchases.' }) transferredOut!: string;
  @Field(() => String, { description: 'The liability at the end of `to`: opening + sold + transferredIn - recognised - breakage - refunded - transferredOut.' })
  closing!: string;
  @Field(() => [LedgerEntry], { description: 'The entries of the period, by day, then in the order they were written.' }) entries!: LedgerEntry[];
  @Field(() => String, { description: 'The same figures as CSV (RFC 4180, a header row): the opening, each entry, each figure, the closing.' })
  csv!: string;
}
