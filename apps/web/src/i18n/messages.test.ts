import { describe, expect, it } from 'vitest';
import { ar, en, type MessageKey } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('gives every English message an Arabic one with the same placeholders', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(ar[key], key).toBeTruthy();
      expect(placeholders(ar[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
