import { startApolloClient } from './apollo/apollo-client';
import { prepareDates, preloadFirstPage } from './apollo/first-page';
import { loadLocale, readStoredLocale } from './i18n/locale';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const container = root;
// The first page's data is asked for at once, with Apollo Client alone (this chunk); React, the
// router and the screens are a chunk of their own (app.tsx), which the page has already asked the
// server for (modulepreload) and which is evaluated in a task of its own: on a phone's CPU,
// evaluating all of it in one go was the page's longest task.
startApolloClient((client) => preloadFirstPage(client, window.location));

// The reader's language is ready before the first render: no flash of English for an Arabic reader.
void Promise.all([import('./app'), loadLocale(readStoredLocale())]).then(([{ renderApp }]) => renderApp(container));

// The browser's date data, prepared once it is idle (the first requests are on their way, the
// page's words, data and screen not yet here): see prepareDates.
if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prepareDates, { timeout: 500 });
else setTimeout(prepareDates, 0);
