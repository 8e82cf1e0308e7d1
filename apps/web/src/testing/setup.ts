import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
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

// The files share one worker's jsdom (vitest `isolate: false`, vite.config.ts): each file starts
// on a page as blank as a fresh one (no rendered tree, no language or direction on <html>, empty
// storage), and no test leaves its tree to the next.
beforeAll(() => {
  // A file may run in Node's environment instead (`@vitest-environment node`): no page there.
  if (typeof document === 'undefined') return;
  cleanup();
  document.body.replaceChildren();
  for (const name of document.documentElement.getAttributeNames()) document.documentElement.removeAttribute(name);
  document.title = '';
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
