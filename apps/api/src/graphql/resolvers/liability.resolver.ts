import { Arg, Ctx, ID, Resolver, Root } from 'type-graphql';
import { FieldResolver, Query } from '../answers.js';
import { packageLiability } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { optionalIdOf, toGlobalId } from '../global-id.js';
import { LocalDateScalar } from '../scalars.js';
import { useCase } from '../viewer.js';
import { PackagePurchase } from '../types/purchase.type.js';
import { asPackagePurchase } from '../source.js';
import { LedgerEntry, PackageLiabilityReport } from '../types/liability.type.js';
import { orThrow } from './query-result.js';

@Resolver()
export class LiabilityResolver {
  @Query(() => PackageLiabilityReport, {
    description:
      'Package liability (deferred revenue) from one clinic-local day to another, inclusive (at most 366 days), for the tenant or one clinic (ADMIN, FINANCE).',
  })
  async packageLiability(
    @Arg('from', () => LocalDateScalar, { description: 'The first clinic-local day.' }) from: string,
    @Arg('to', () => LocalDateScalar, { description: 'The last clinic-local day, inclusive.' }) to: string,
    @Arg('clinicId', () => ID, { nullable: true, description: "Only the purchases of this clinic's packages; the whole tenant when left out." })
    clinicId: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<PackageLiabilityReport> {
    const report = orThrow(
      await packageLiability(useCase(context), {
        from,
        to,
        clinicId: optionalIdOf('Clinic', clinicId),
        csvIds: { purchase: (id) => toGlobalId('PackagePurchase', id), clinic: (id) => toGlobalId('Clinic', id) },
      }),
    );
    return { ...report, entries: report.entries.map((entry) => ({ ...entry })) };
  }
}

@Resolver(() => LedgerEntry)
export class LedgerEntryFieldsResolver {
  @FieldResolver(() => PackagePurchase, { description: 'The purchase it moved.' })
  async packagePurchase(@Root() entry: LedgerEntry, @Ctx() context: GraphqlContext): Promise<PackagePurchase> {
    const purchase = await context.loaders.packagePurchase.load(entry.packagePurchaseId);
    if (!purchase) throw new Error(`purchase ${entry.packagePurchaseId} of a ledger entry is missing`);
    return asPackagePurchase(purchase);
  }
}
