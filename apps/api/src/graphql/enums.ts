import { registerEnumType } from 'type-graphql';
import { APPOINTMENT_INCIDENTS, APPOINTMENT_STATUSES, EXPIRY_RISK_LEVELS, INVOICE_KINDS, INVOICE_STATUSES, PACKAGE_PURCHASE_STATUSES, PURCHASE_ACTIONS, ROLES, WAITLIST_STATUSES, WEEKDAYS } from '@clinic/domain';

/** type-graphql wants an enum object; the domain's closed lists are the source. */
const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const Weekday = enumOf(WEEKDAYS);
export const Role = enumOf(ROLES);
export const InvoiceStatus = enumOf(INVOICE_STATUSES);
export const PackagePurchaseStatus = enumOf(PACKAGE_PURCHASE_STATUSES);
export const AppointmentStatus = enumOf(APPOINTMENT_STATUSES);
export const ExpiryRiskLevel = enumOf(EXPIRY_RISK_LEVELS);
export const WaitlistStatus = enumOf(WAITLIST_STATUSES);
export const SchedulingErrorCode = enumOf([
  'NO_AVAILABILITY',
  'PAST_END_DATE',
  'PROVIDER_NOT_FOUND',
  'PROVIDER_NOT_IN_CLINIC',
] as const);

registerEnumType(Weekday, {
  name: 'Weekday',
  description: "A day of the clinic's local week, which starts on Sunday.",
  valuesConfig: Object.fromEntries(WEEKDAYS.map((day) => [day, { description: day.charAt(0) + day.slice(1).toLowerCase() }])),
});
registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do in its tenant.',
  valuesConfig: {
    ADMIN: { description: 'Everything in the tenant.' },
    RECEPTIONIST: { description: 'Patients, purchases, booking, scheduling, cancelling.' },
    CLINICIAN: { description: 'Sees their own schedule; moves their own appointments through the life cycle.' },
    FINANCE: { description: 'The packages catalogue, invoices and payments.' },
  },
});
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands.',
  valuesConfig: {
    ISSUED: { description: 'Owed, not yet paid.' },
    PAID: { description: 'Paid; its package purchase exists.' },
    VOID: { description: 'Cancelled; nothing is owed.' },
  },
});
registerEnumType(PackagePurchaseStatus, {
  name: 'PackagePurchaseStatus',
  description: 'Where a bought package stands.',
  valuesConfig: {
    ACTIVE: { description: 'Sessions may be booked.' },
    EXPIRED: { description: 'Past its expiry date with sessions unused.' },
    COMPLETED: { description: 'Every session used.' },
    CANCELLED: { description: 'Withdrawn.' },
  },
});
registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'The life cycle: BOOKED -> CONFIRMED -> ARRIVED -> IN_PROGRESS -> COMPLETED, or CANCELLED / NO_SHOW before completion.',
  valuesConfig: {
    BOOKED: { description: 'Booked, not yet confirmed.' },
    CONFIRMED: { description: 'The patient confirmed.' },
    ARRIVED: { description: 'The patient is at the clinic.' },
    IN_PROGRESS: { description: 'The session is under way.' },
    COMPLETED: { description: 'Delivered; a package session counts as used. Final.' },
    CANCELLED: { description: 'Called off; frees the time. Final.' },
    NO_SHOW: { description: 'The patient did not come. Final.' },
  },
});
registerEnumType(SchedulingErrorCode, {
  name: 'SchedulingErrorCode',
  description: 'Why auto-scheduling could not place a session.',
  valuesConfig: {
    NO_AVAILABILITY: { description: 'No free slot within 90 days of the session\'s earliest day.' },
    PAST_END_DATE: { description: 'No free slot before the end date.' },
    PROVIDER_NOT_FOUND: { description: 'The provider named for the session does not exist.' },
    PROVIDER_NOT_IN_CLINIC: { description: "The provider does not work in the package's clinic." },
  },
});
registerEnumType(ExpiryRiskLevel, {
  name: 'ExpiryRiskLevel',
  description: 'Whether the sessions left can still be delivered before the purchase expires.',
  valuesConfig: {
    NONE: { description: 'Nothing left to place, or it fits at one session a week.' },
    AT_RISK: { description: 'At one session a week the sessions left do not fit before expiry.' },
    CANNOT_FINISH: { description: "Even the provider's free days before expiry (one session a day) cannot hold them." },
  },
});
registerEnumType(WaitlistStatus, {
  name: 'WaitlistStatus',
  description: 'Where a waitlist entry stands.',
  valuesConfig: {
    WAITING: { description: 'Waiting for a matching slot.' },
    OFFERED: { description: 'A slot is held for it until `offerExpiresAt`.' },
    BOOKED: { description: 'The offer was accepted: `appointment` is the booking.' },
    LAPSED: { description: 'The offer was not answered in time; the slot passed on.' },
    CANCELLED: { description: 'Taken off the waitlist.' },
  },
});
export const InvoiceKind = enumOf(INVOICE_KINDS);
export const AppointmentIncident = enumOf(APPOINTMENT_INCIDENTS);
registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  description: 'What an invoice is for.',
  valuesConfig: { PACKAGE: { description: 'A package; paying it in full creates the purchase.' }, FEE: { description: 'A late cancellation or no-show fee.' } },
});
export const PackagePurchaseAction = enumOf(PURCHASE_ACTIONS);
registerEnumType(PackagePurchaseAction, {
  name: 'PackagePurchaseAction',
  description: 'A change of a purchase\'s life the caller may ask for now (PackagePurchase.allowedActions).',
  valuesConfig: {
    FREEZE: { description: 'freezePackagePurchase: pause it (RECEPTIONIST, FINANCE, ADMIN; active, not past its expiry, freeze days left).' },
    EXTEND: { description: 'extendPackagePurchase: move its expiry later (ADMIN; active).' },
    TRANSFER: { description: 'transferPackagePurchase: move its unused sessions to another patient (FINANCE, ADMIN; active, not past its expiry).' },
    CANCEL: { description: 'cancelPackagePurchase: cancel it with a refund (FINANCE, ADMIN; active).' },
  },
});
registerEnumType(AppointmentIncident, {
  name: 'AppointmentIncident',
  description: 'What a cancellation or no-show of a package session was, for fees and the grace allowance.',
  valuesConfig: {
    LATE_CANCELLATION: { description: "Cancelled within the policy's window before the start." },
    NO_SHOW: { description: 'The patient did not come.' },
  },
});
