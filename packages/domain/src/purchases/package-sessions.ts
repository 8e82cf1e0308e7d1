import type { AppointmentStatus } from '../appointments/appointment-status.js';

/**
 * The session arithmetic of a purchase, pure. An appointment holds its session number while it
 * is open or completed, and also whenever it consumed the session (a no-show or a late
 * cancellation under the tenant's policy). A cancellation or no-show that consumed nothing
 * frees the number (rule 2), so the session can be booked again and the purchase can still be
 * completed. The database's unique index uses the same predicate. So the free numbers are
 * exactly `sessionsUnscheduled`: remaining minus the open appointments (rule 5).
 */

export interface SessionService {
  sessionNumber: number;
  serviceId: string;
}

/** Lines in order, expanded: "1 assessment + 8 therapy" -> session 1 assessment, 2..9 therapy. */
export function sessionServices(lines: ReadonlyArray<{ serviceId: string; sessions: number }>): SessionService[] {
  const sessions: SessionService[] = [];
  for (const line of lines) {
    for (let i = 0; i < line.sessions; i += 1) sessions.push({ sessionNumber: sessions.length + 1, serviceId: line.serviceId });
  }
  return sessions;
}

export interface SessionAppointment {
  status: AppointmentStatus;
  sessionNumberInPackage?: number | null | undefined;
  sessionConsumed: boolean;
}

export const OPEN_STATUSES: readonly AppointmentStatus[] = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'];

export function isOpen(status: AppointmentStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function holdsSession(appointment: SessionAppointment): boolean {
  return (appointment.status !== 'CANCELLED' && appointment.status !== 'NO_SHOW') || appointment.sessionConsumed;
}

/** Session numbers no appointment holds, lowest first. */
export function freeSessionNumbers(totalSessions: number, appointments: readonly SessionAppointment[]): number[] {
  const held = new Set(appointments.filter(holdsSession).map((a) => a.sessionNumberInPackage));
  const free: number[] = [];
  for (let n = 1; n <= totalSessions; n += 1) if (!held.has(n)) free.push(n);
  return free;
}

/**
 * The session booking would take next: the lowest free session number and the service of its
 * line (rule 7), as `bookAppointment` picks it. Null when every session is held, or when the
 * purchase is no longer ACTIVE (booking refuses it).
 */
export function nextFreeSession(
  purchase: { status: string; totalSessions: number },
  lines: ReadonlyArray<{ serviceId: string; sessions: number }>,
  appointments: readonly SessionAppointment[],
): SessionService | null {
  if (purchase.status !== 'ACTIVE') return null;
  const free = new Set(freeSessionNumbers(purchase.totalSessions, appointments));
  return sessionServices(lines).find((session) => free.has(session.sessionNumber)) ?? null;
}

export interface SessionCounts {
  totalSessions: number;
  sessionsUsed: number;
  sessionsRemaining: number;
  sessionsUnscheduled: number;
  scheduledAppointments: number;
  completedAppointments: number;
  cancelledAppointments: number;
  noShowAppointments: number;
  percentUsed: number;
}

/** Rule 6. `scheduled` counts the live appointments not yet delivered: booked up to in progress. */
export function countSessions(
  purchase: { totalSessions: number; sessionsUsed: number },
  appointments: readonly SessionAppointment[],
): SessionCounts {
  const count = (predicate: (a: SessionAppointment) => boolean) => appointments.filter(predicate).length;
  const scheduled = count((a) => isOpen(a.status));
  const waiting = count((a) => holdsSession(a) && !a.sessionConsumed);
  const remaining = purchase.totalSessions - purchase.sessionsUsed;
  return {
    totalSessions: purchase.totalSessions,
    sessionsUsed: purchase.sessionsUsed,
    sessionsRemaining: remaining,
    sessionsUnscheduled: Math.max(0, remaining - waiting),
    scheduledAppointments: scheduled,
    completedAppointments: count((a) => a.status === 'COMPLETED'),
    cancelledAppointments: count((a) => a.status === 'CANCELLED'),
    noShowAppointments: count((a) => a.status === 'NO_SHOW'),
    percentUsed: Math.round((purchase.sessionsUsed / purchase.totalSessions) * 10000) / 100,
  };
}
