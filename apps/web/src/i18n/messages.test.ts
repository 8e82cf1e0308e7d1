import { IntlMessageFormat } from 'intl-messageformat';
import { backOfficeEn } from './catalog/back-office';
import { coreEn } from './catalog/core';
import { deskEn } from './catalog/desk';
import { errorsEn } from './catalog/errors';
import { financeEn } from './catalog/finance';
import { notificationsEn } from './catalog/notifications';
import { schedulerEn } from './catalog/scheduler';
import { describe, expect, it } from 'vitest';
import { createLocaleTools } from './locale';
import { en, type MessageKey } from './messages';
import { ar } from './messages-ar';

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** Every argument a message uses, in plain, plural and select positions. */
function argumentsOf(ast: Ast, into = new Set<string>()): Set<string> {
  for (const element of ast) {
    if (element.type !== 0 && 'value' in element) into.add(String(element.value));
    if ('options' in element && typeof element.options === 'object') {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if ('children' in element) argumentsOf(element.children, into);
  }
  return into;
}

describe('messages', () => {
  it('define each key in one catalog only, so no area silently overrides another', () => {
    const catalogs = { coreEn, deskEn, backOfficeEn, financeEn, schedulerEn, notificationsEn, errorsEn };
    const owners = new Map<string, string[]>();
    for (const [catalog, words] of Object.entries(catalogs)) {
      for (const key of Object.keys(words)) owners.set(key, [...(owners.get(key) ?? []), catalog]);
    }
    const twice = [...owners].filter(([, where]) => where.length > 1).map(([key, where]) => `${key}: ${where.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('are valid ICU messages, and every English one has an Arabic one with the same arguments', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(ar[key], key).toBeTruthy();
      const english = argumentsOf(new IntlMessageFormat(en[key], 'en').getAst());
      const arabic = argumentsOf(new IntlMessageFormat(ar[key], 'ar').getAst());
      expect([...arabic].sort(), key).toEqual([...english].sort());
    }
  });

  it('choose the plural form by the count, in each language', () => {
    const english = createLocaleTools('en');
    expect(english.t('createdAppointments', { count: 1 })).toBe('1 appointment created');
    expect(english.t('createdAppointments', { count: 12 })).toBe('12 appointments created');
    const arabic = createLocaleTools('ar', undefined, 'arab');
    expect(arabic.t('createdAppointments', { count: 1 })).toBe('أُنشئ موعد واحد');
    expect(arabic.t('createdAppointments', { count: 2 })).toBe('أُنشئ موعدان');
    expect(arabic.t('createdAppointments', { count: 3 })).toBe('أُنشئت ٣ مواعيد');
    expect(arabic.t('createdAppointments', { count: 11 })).toBe('أُنشئ ١١ موعدًا');
  });

  it('write a plain number with the digits the user chose', () => {
    expect(createLocaleTools('ar', undefined, 'arab').t('sessionN', { n: 4 })).toBe('الجلسة ٤');
    expect(createLocaleTools('ar', undefined, 'latn').t('sessionN', { n: 4 })).toBe('الجلسة 4');
    expect(createLocaleTools('en').t('sessionN', { n: 4 })).toBe('Session 4');
  });
});
