import { describe, expect, it } from 'vitest';
import { nextSessionServiceId, type PurchaseSessions } from './next-session';

const assessmentThenTherapy = (appointments: PurchaseSessions['progress']['appointments']): PurchaseSessions => ({
  package: {
    services: [
      { sessions: 1, service: { id: 'assessment' } },
      { sessions: 8, service: { id: 'therapy' } },
    ],
  },
  progress: { appointments },
});

describe('nextSessionServiceId', () => {
  it('is the first line’s service while nothing is booked', () => {
    expect(nextSessionServiceId(assessmentThenTherapy([]))).toBe('assessment');
  });

  it('moves to the therapy once the assessment is delivered or booked', () => {
    expect(nextSessionServiceId(assessmentThenTherapy([{ sessionNumberInPackage: 1, status: 'COMPLETED', sessionConsumed: true }]))).toBe('therapy');
    expect(nextSessionServiceId(assessmentThenTherapy([{ sessionNumberInPackage: 1, status: 'BOOKED', sessionConsumed: false }]))).toBe('therapy');
  });

  it('gives back a session cancelled in good time, not one that a no-show used', () => {
    expect(nextSessionServiceId(assessmentThenTherapy([{ sessionNumberInPackage: 1, status: 'CANCELLED', sessionConsumed: false }]))).toBe('assessment');
    expect(nextSessionServiceId(assessmentThenTherapy([{ sessionNumberInPackage: 1, status: 'NO_SHOW', sessionConsumed: true }]))).toBe('therapy');
  });

  it('is null when every session is taken', () => {
    const all = Array.from({ length: 9 }, (_, i) => ({ sessionNumberInPackage: i + 1, status: 'BOOKED', sessionConsumed: false }));
    expect(nextSessionServiceId(assessmentThenTherapy(all))).toBeNull();
  });
});
