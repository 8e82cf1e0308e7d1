// Component tests render at once, in either language: the words are given up front rather
// than fetched as the app does (loadLocale).
import { provideLocale } from '../i18n/locale';
import { en } from '../i18n/messages';
import { ar } from '../i18n/messages-ar';

provideLocale('en', en);
provideLocale('ar', ar);
