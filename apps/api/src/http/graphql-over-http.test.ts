import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, startSeededApi, type SeededApi } from '../testing/graphql-client.js';

/**
 * GraphQL over HTTP (issue 4, item 7): the `graphql-http` package's server audit against the
 * real server. Every MUST of the audit is a test of its own and must pass.
 */

let api: SeededApi;

beforeAll(async () => {
  api = await startSeededApi({ poolSize: 4 });
});
afterAll(() => api?.close());

/** The audits ask for `{ __typename }` and the like, which need no sign-in. */
const audits = serverAudits({ url: () => `${api.url}/graphql`, fetchFn: fetch });

describe('graphql-http server audit: every MUST', () => {
  const musts = audits.filter((audit) => audit.name.startsWith('MUST'));

  it('has MUST audits to run', () => {
    expect(musts.length).toBeGreaterThan(10);
  });

  for (const audit of musts) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      const explanation = result.status === 'ok' ? '' : `${result.reason} ${JSON.stringify(await result.response.text?.().catch(() => '') ?? '')}`;
      expect(result.status, explanation).toBe('ok');
    });
  }
});

describe('introspection, as GraphiQL and code generators send it', () => {
  it('the standard introspection query answers the schema', async () => {
    const client = await api.as(DEMO_EMAILS.admin);
    const answer = await client.request<{ __schema: { queryType: { name: string }; types: unknown[] } }>(getIntrospectionQuery());
    expect(answer.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.data?.__schema.queryType.name).toBe('Query');
    expect(answer.data?.__schema.types.length).toBeGreaterThan(50);
  });

  it('answers a small introspection query, signed in or not', async () => {
    const answer = await api.anonymous.request<{ __schema: { queryType: { name: string }; mutationType: { name: string } } }>(
      '{ __schema { queryType { name } mutationType { name } } }',
    );
    expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } } });
  });
});
