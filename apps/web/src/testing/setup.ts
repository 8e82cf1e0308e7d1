import { configure } from '@testing-library/react';
// Component tests render at once, in either language: the words are given up front rather
// than fetched as the app does (loadLocale).
import { provideLocale } from '../i18n/locale';
import { en } from '../i18n/messages';
import { ar } from '../i18n/messages-ar';

provideLocale('en', en);
provideLocale('ar', ar);

// findBy*/waitFor wait for an outcome; on a busy 2-core CI machine a render can take longer than
// the library's 1 s default, which is a slow machine, not a wrong answer.
configure({ asyncUtilTimeout: 5000 });
