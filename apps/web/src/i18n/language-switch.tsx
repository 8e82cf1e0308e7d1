import { useLocale, type Locale } from './locale';

const CHOICES: { locale: Locale; label: string }[] = [
  { locale: 'en', label: 'English' },
  { locale: 'ar', label: 'العربية' },
];

/** Two toggle buttons; each names its language in that language, with its own `lang`. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {CHOICES.map((choice) => (
        <button
          key={choice.locale}
          type="button"
          lang={choice.locale}
          aria-pressed={locale === choice.locale}
          onClick={() => setLocale(choice.locale)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}

/** In Arabic: Arabic-Indic (٠١٢) or Latin (012) digits, as the user prefers. */
export function DigitsSwitch() {
  const { locale, digits, setDigits, t } = useLocale();
  if (locale !== 'ar') return null;
  return (
    <div className="language-switch" role="group" aria-label={t('digits')}>
      <button type="button" aria-pressed={digits === 'arab'} aria-label={t('digitsArabic')} onClick={() => setDigits('arab')}>
        ٠١٢
      </button>
      <button type="button" aria-pressed={digits === 'latn'} aria-label={t('digitsLatin')} onClick={() => setDigits('latn')}>
        012
      </button>
    </div>
  );
}
