import { describe, expect, it } from 'vitest';
import { createLocaleTools } from './locale';
import { userErrorText } from './user-error-text';

describe('a refusal in the user language', () => {
  const english = createLocaleTools('en').t;
  const arabic = createLocaleTools('ar', undefined, 'arab').t;

  it('says a known code in the chosen language, whatever the server wrote', () => {
    const refusal = { code: 'SLOT_TAKEN', message: 'The provider already has an appointment then.' };
    expect(userErrorText(english, refusal)).toBe('This time has just been taken. Choose another.');
    expect(userErrorText(arabic, refusal)).toBe('حُجز هذا الوقت للتو. اختر وقتًا آخر.');
  });

  it('fills the sentence with the params, numbers in the user digits and plural form', () => {
    const refusal = { code: 'TOO_MANY_ATTEMPTS', message: '…', params: [{ name: 'retryAfterSeconds', value: '3' }] };
    expect(userErrorText(english, refusal)).toBe('Too many attempts. Try again in 3 seconds.');
    expect(userErrorText(arabic, refusal)).toBe('محاولات كثيرة. حاول مرة أخرى بعد ٣ ثوانٍ.');
  });

  it('prefers the finer reason when the app knows it, and falls back to the code when not', () => {
    const refusal = { code: 'VALIDATION', message: 'Something precise.', reason: 'A_REASON_NO_ONE_KNOWS' };
    expect(userErrorText(english, refusal)).toBe('A value is not accepted. Check the form and try again.');
  });

  it('shows the server words for a code the app does not know yet', () => {
    expect(userErrorText(arabic, { code: 'SOMETHING_NEW', message: 'Server words.' })).toBe('Server words.');
  });
});
