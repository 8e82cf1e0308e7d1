export { WaitlistEntry, WAITLIST_STATUSES, type WaitlistStatus, type DeclinedSlot } from './waitlist-entry.entity.js';
export { slotMatches, offerOrder, offerExpiry, type WaitlistWish, type CandidateSlot } from './waitlist-rules.js';
export {
  joinWaitlist,
  acceptWaitlistOffer,
  declineWaitlistOffer,
  lapseExpiredOffers,
  listWaitlist,
  offerFreedSlot,
  offerFreedTime,
  lockProviderTime,
  WAITLIST_SEARCH_DAYS,
  type JoinWaitlistInput,
  type FreedSlot,
} from './waitlist.js';
export {
  expiryRisksOf,
  atRiskPurchaseIds,
  listAtRiskPurchases,
  riskLevel,
  weeklyCapacity,
  EXPIRY_RISK_LEVELS,
  type ExpiryRisk,
  type ExpiryRiskLevel,
} from '../scheduling/expiry-risk.js';
export {
  waitlistSettings,
  setWaitlistHoldTime,
  WAITLIST_HOLD_MINUTES_MIN,
  WAITLIST_HOLD_MINUTES_MAX,
  type WaitlistSettings,
} from './waitlist-settings.js';
