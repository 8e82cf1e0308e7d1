import { afterAll, beforeAll, expect, it } from 'vitest';
import { postGraphql, startSeededApi, type SeededApi } from '../testing/graphql-client.js';

let api: SeededApi;
beforeAll(async () => {
  api = await startSeededApi();
});
afterAll(() => api?.close());

it("answers a clinician's login with their provider, before any token is sent", async () => {
  const answer = await postGraphql<{ login: { user: { role: string; provider: { name: string } | null } } }>(api.url, {
    query: 'mutation { login(input: {email: "clinician@alnoor.test", password: "demo-pass-2026"}) { user { role provider { name } } } }',
  });
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.login.user.role).toBe('CLINICIAN');
  expect(answer.data?.login.user.provider?.name).toBeTruthy();
});

it('refuses text with a NUL character, which PostgreSQL cannot store, as a bad request and changes nothing', async () => {
  const admin = await api.as('admin@alnoor.test');
  const mutation = 'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { userErrors { code } } }';
  const answer = await admin.request(mutation, { input: { name: 'a\u0000b' } });
  expect(answer.status).toBe(400);
  expect(answer.text).toContain('NUL');
  const tokens = await admin.data<{ apiTokens: unknown[] }>('{ apiTokens { id } }');
  expect(tokens.apiTokens).toEqual([]);
});
