import type { MigrationObject } from '@mikro-orm/core';
import { InitialSchema } from './001-initial-schema.js';
import { TenantKeysAndInvariants } from './002-tenant-keys-and-invariants.js';
import { ApiTokens } from './003-api-tokens.js';
import { RepairLiveSessionIndex } from './004-repair-live-session-index.js';
import { SessionsAndSignInThrottle } from './005-sessions-and-sign-in-throttle.js';
import { IdempotencyKeys } from './006-idempotency-keys.js';
import { Money } from './007-money.js';
import { PasswordResets } from './008-password-resets.js';
import { Closures } from './009-closures.js';
import { MoneyLife } from './010-money-life.js';

import { OutboxAndWebhooks } from './011-outbox-and-webhooks.js';
import { Notifications } from './012-notifications.js';
import { CallerChangeNotifications } from './013-caller-change-notifications.js';
import { WaitlistHolds } from './014-waitlist-holds.js';
import { ProviderClinicActive } from './015-provider-clinic-active.js';
import { PasswordResetEmails } from './016-password-reset-emails.js';
/** Applied in this order; `pnpm db:migration:create NAME` writes a new file, list it here. */
export const migrations: MigrationObject[] = [
  { name: '001-initial-schema', class: InitialSchema },
  { name: '002-tenant-keys-and-invariants', class: TenantKeysAndInvariants },
  { name: '003-api-tokens', class: ApiTokens },
  { name: '004-repair-live-session-index', class: RepairLiveSessionIndex },
  { name: '005-sessions-and-sign-in-throttle', class: SessionsAndSignInThrottle },
  { name: '006-idempotency-keys', class: IdempotencyKeys },
  { name: '007-money', class: Money },
  { name: '008-password-resets', class: PasswordResets },
  { name: '009-closures', class: Closures },
  { name: '010-money-life', class: MoneyLife },
  { name: '011-outbox-and-webhooks', class: OutboxAndWebhooks },
  { name: '012-notifications', class: Notifications },
  { name: '013-caller-change-notifications', class: CallerChangeNotifications },
  { name: '014-waitlist-holds', class: WaitlistHolds },
  { name: '015-provider-clinic-active', class: ProviderClinicActive },
  { name: '016-password-reset-emails', class: PasswordResetEmails },
];
