import { describe, expect, it } from 'vitest';
import { APPOINTMENT_STATUSES } from './appointment-status.js';
import { canMove, nextStatuses } from './appointment-life-cycle.js';
import { consumesSession } from './cancellation-policy.js';
import { DEFAULT_CANCELLATION_POLICY } from './cancellation-policy.entity.js';

describe('the appointment life cycle', () => {
  it('moves forward and may skip steps', () => {
    expect(canMove('BOOKED', 'CONFIRMED')).toBe(true);
    expect(canMove('BOOKED', 'COMPLETED')).toBe(true);
    expect(canMove('ARRIVED', 'IN_PROGRESS')).toBe(true);
  });

  it('never moves back', () => {
    expect(canMove('ARRIVED', 'CONFIRMED')).toBe(false);
    expect(canMove('IN_PROGRESS', 'BOOKED')).toBe(false);
    expect(canMove('CONFIRMED', 'CONFIRMED')).toBe(false);
  });

  it('may be cancelled or marked no-show from any state before completion', () => {
    for (const from of ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'] as const) {
      expect(canMove(from, 'CANCELLED')).toBe(true);
      expect(canMove(from, 'NO_SHOW')).toBe(true);
    }
  });

  it('leaves completed, cancelled and no-show final', () => {
    for (const from of ['COMPLETED', 'CANCELLED', 'NO_SHOW'] as const) {
      expect(nextStatuses(from)).toEqual([]);
      for (const to of APPOINTMENT_STATUSES) expect(canMove(from, to)).toBe(false);
    }
  });
});

describe('the cancellation policy', () => {
  const startsAt = new Date('2026-11-25T06:00:00Z');
  it('counts a completion always', () => {
    expect(consumesSession('COMPLETED', startsAt, new Date('2026-11-20T00:00:00Z'), DEFAULT_CANCELLATION_POLICY)).toBe(true);
  });
  it('counts a cancellation less than 24 hours ahead under the default policy, not one made earlier', () => {
    expect(consumesSession('CANCELLED', startsAt, new Date('2026-11-24T06:00:01Z'), DEFAULT_CANCELLATION_POLICY)).toBe(true);
    expect(consumesSession('CANCELLED', startsAt, new Date('2026-11-24T06:00:00Z'), DEFAULT_CANCELLATION_POLICY)).toBe(false);
  });
  it('counts a no-show unless the tenant says otherwise', () => {
    expect(consumesSession('NO_SHOW', startsAt, startsAt, DEFAULT_CANCELLATION_POLICY)).toBe(true);
    expect(consumesSession('NO_SHOW', startsAt, startsAt, { ...DEFAULT_CANCELLATION_POLICY, noShowConsumesSession: false })).toBe(false);
  });
});
