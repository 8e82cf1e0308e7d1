import type { AppointmentStatus } from './appointment-status.js';

/** The forward line; a status may skip ahead but never move back. */
const FORWARD: readonly AppointmentStatus[] = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED'];
export const FINAL_STATUSES: readonly AppointmentStatus[] = ['COMPLETED', 'CANCELLED', 'NO_SHOW'];

export function isFinal(status: AppointmentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** docs/domain.md, "Appointment life cycle". */
export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  if (isFinal(from)) return false;
  if (to === 'CANCELLED' || to === 'NO_SHOW') return true;
  return FORWARD.indexOf(to) > FORWARD.indexOf(from);
}

/** The statuses an appointment may move to next, in life-cycle order. */
export function nextStatuses(from: AppointmentStatus): AppointmentStatus[] {
  return [...FORWARD, 'CANCELLED', 'NO_SHOW'].filter((to): to is AppointmentStatus =>
    canMove(from, to as AppointmentStatus),
  ) as AppointmentStatus[];
}
