// Component tests render at once, in either language: the Arabic words are given up front
// rather than fetched as the app does (loadLocale).
import { provideLocale } from '../i18n/locale';
import { ar } from '../i18n/messages-ar';

provideLocale('ar', ar);
