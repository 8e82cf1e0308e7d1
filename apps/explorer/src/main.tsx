import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
// The page's own layout, as a file: the Content-Security-Policy allows no inline style.
import './page.css';

const fetcher = createGraphiQLFetcher({ url: `${window.location.origin}/graphql` });

/** What an integrator tries first: sign in with a demo account, then paste the token into Headers. */
const FIRST_QUERY = `# 1. Sign in (demo accounts are listed in the README), copy the token.
# 2. Put it in the Headers tab: { "Authorization": "Bearer <token>" }
# 3. Try availablePackages, packageProgress, schedulePackage (see docs/api.md).
mutation SignIn {
  login(input: { email: "reception@alnoor.test", password: "demo-pass-2026" }) {
    token
    user { name role }
    userErrors { code message }
  }
}
`;

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={FIRST_QUERY} defaultHeaders={'{\n  "Authorization": "Bearer "\n}'} />
  </StrictMode>,
);
