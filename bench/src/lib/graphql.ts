/** A minimal GraphQL-over-HTTP client (Node's fetch), the way an integrator calls the API. */

export interface GraphqlAnswer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  text: string;
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let parsed: { data?: T | null; errors?: GraphqlAnswer['errors'] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // not JSON: the caller sees `text`
  }
  return { status: response.status, data: parsed.data, errors: parsed.errors, text };
}

/** The data of a successful answer; throws with the whole answer otherwise. */
export async function graphqlData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const answer = await graphql<T>(url, query, variables, token);
  if (answer.status !== 200 || answer.errors?.length || !answer.data) {
    throw new Error(`GraphQL call failed (${answer.status}): ${answer.text.slice(0, 2000)}`);
  }
  return answer.data;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const data = await graphqlData<{ login: { token: string | null; userErrors: Array<{ code: string }> } }>(
    url,
    'mutation Login($input: LoginInput!) { login(input: $input) { token userErrors { code message } } }',
    { input: { email, password } },
  );
  if (!data.login.token) throw new Error(`login of ${email} refused: ${JSON.stringify(data.login.userErrors)}`);
  return data.login.token;
}

/** The global id the API gives an object: base64url of "Type:uuid" (apps/api/src/graphql/global-id.ts). */
export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}
