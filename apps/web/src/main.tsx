import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadLocale, readStoredLocale } from './i18n/locale';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const container = root;
// The reader's language is ready before the first paint: no flash of English for an Arabic reader.
// The first render is a transition: React renders in slices, yielding to the browser between
// them, instead of one long task (a phone's reader can already see, and type into, the page the
// server painted, apps/api/src/http/web-app.ts); what is on screen stays until the app is ready.
void loadLocale(readStoredLocale()).then(() =>
  startTransition(() =>
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);
