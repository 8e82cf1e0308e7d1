import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { cancelPackagePurchase } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf } from '../global-id.js';
import { payload, UserError } from '../user-error.js';
import { useCase } from '../viewer.js';
import { PackagePurchase } from '../types/purchase.type.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

@InputType({ description: 'Cancel an active purchase and refund what is left of it.' })
export class CancelPackagePurchaseInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => String, { description: 'Why; may not be blank (at most 2000 characters).' }) reason!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The net (tax-exclusive) amount to give back, a decimal string such as "500.00"; at most the purchase\'s liability (REFUND_TOO_LARGE). Default: the unconsumed sessions at their value, which is the whole liability. What is not refunded is kept as breakage.',
  })
  refundAmount?: string | null;
}

@ObjectType({ description: 'The answer to a change of a purchase.' })
export class PackagePurchasePayload {
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase after the change.' }) packagePurchase?: PackagePurchase | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@Resolver()
export class PurchaseLifeResolver {
  @Mutation(() => PackagePurchasePayload, {
    description:
      'Cancel an active purchase with a refund (FINANCE, ADMIN): its open future appointments are cancelled first, the refund leaves the liability, the purchase ends CANCELLED; one transaction, audited.',
  })
  async cancelPackagePurchase(
    @Arg('input', () => CancelPackagePurchaseInput, { description: 'Purchase, reason and refund.' }) input: CancelPackagePurchaseInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PackagePurchasePayload> {
    const result = await cancelPackagePurchase(useCase(context), {
      packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
      reason: input.reason,
      refundAmount: input.refundAmount,
    });
    return payload(result, ({ packagePurchase }) => ({ packagePurchase: packagePurchase as unknown as PackagePurchase }));
  }
}
