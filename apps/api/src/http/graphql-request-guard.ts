import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import {
  CONTROL_CHARACTER,
  MAX_BATCH,
  MAX_COMPLEXITY,
  MAX_INTROSPECTION_FIELDS,
  MAX_TOKENS,
  analyseOperation,
  coercedVariables,
  controlCharacterIn,
  operationOf,
} from '../graphql/limits.js';

/** No legitimate operation comes near this; larger bodies are refused before parsing. */
const GRAPHQL_BODY_LIMIT = '1mb';
/** Raw control bytes (JSON forbids them in strings anyway, and UTF-8 never uses them inside a character). */
// eslint-disable-next-line no-control-regex -- finding control bytes is the point
const RAW_CONTROL_BYTES = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const CONTROL_MESSAGE = 'Text may not contain control characters (such as NUL, \\u0000) other than tab, line feed and carriage return';

/**
 * Everything /graphql checks before Apollo sees a request, over the whole HTTP request (a
 * batch is one request): the body size, control characters anywhere (JSON body, GraphQL string
 * literals, variables, GET query strings), the batch size, the tokens, the length of every
 * string input, one `__schema`/`__type` at most, and the summed cost of every operation. A
 * refusal is a 400 with a stable code, and nothing has run.
 */
export function graphqlRequestGuard(schema: GraphQLSchema): Array<RequestHandler | ErrorRequestHandler> {
  return [express.json({ limit: GRAPHQL_BODY_LIMIT, verify: refuseRawControlBytes }), answerControlBytes, boundedRequest(schema)];
}

class ControlCharacterError extends Error {
  readonly status = 400;
  readonly expose = true;
  constructor() {
    super(`${CONTROL_MESSAGE}.`);
  }
}

function refuseRawControlBytes(_req: unknown, _res: unknown, body: Buffer): void {
  if (RAW_CONTROL_BYTES.test(body.toString('latin1'))) throw new ControlCharacterError();
}

const answerControlBytes: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (error instanceof ControlCharacterError) refuse(res, 'BAD_USER_INPUT', error.message);
  else next(error);
};

function refuse(res: Response, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(400).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

interface Entry {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function entriesOf(req: Request): Entry[] {
  if (req.method === 'GET') {
    const query = req.query as Record<string, unknown>;
    let variables: unknown = query['variables'];
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables) as unknown;
      } catch {
        variables = undefined;
      }
    }
    return [{ query: query['query'], variables, operationName: query['operationName'] }];
  }
  const body: unknown = req.body;
  const list = Array.isArray(body) ? body : [body];
  return list.filter((entry): entry is Entry => typeof entry === 'object' && entry !== null);
}

function tokensOf(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) count += 1;
  return count;
}

/** What the guard learns from a query text alone, whatever its variables. */
interface ParsedQuery {
  readonly document: DocumentNode;
  readonly tokens: number;
  /** A string literal of the text holds a control character. */
  readonly literalWithControl: boolean;
}

/**
 * Query texts remembered once parsed: clients send the same few texts over and over (the web app
 * has about a hundred). Bounded in count and size, so a stream of distinct texts costs memory
 * of at most a few tens of megabytes and only evicts.
 */
const PARSED_QUERIES_KEPT = 200;
/** Texts of more tokens are parsed every time (the largest screen sends about 300). */
const MOST_TOKENS_KEPT = 600;
/** The text is the key: longer ones (comments, whitespace) are parsed every time. */
const LONGEST_TEXT_KEPT = 20_000;

/**
 * The parsed query texts most recently used (a Map keeps insertion order: a hit moves to the end,
 * the first entry is the least recently used). Only what parsed within the token limit is kept.
 */
function parsedQueries() {
  const kept = new Map<string, ParsedQuery>();
  return {
    get(text: string): ParsedQuery | undefined {
      const hit = kept.get(text);
      if (hit) {
        kept.delete(text);
        kept.set(text, hit);
      }
      return hit;
    },
    keep(text: string, parsed: ParsedQuery): void {
      if (parsed.tokens > MOST_TOKENS_KEPT || text.length > LONGEST_TEXT_KEPT) return;
      kept.set(text, parsed);
      if (kept.size > PARSED_QUERIES_KEPT) kept.delete(kept.keys().next().value as string);
    },
  };
}

function parseQuery(text: string, maxTokens: number): ParsedQuery {
  const document = parse(text, { maxTokens });
  let literalWithControl = false;
  visit(document, {
    StringValue(node) {
      if (CONTROL_CHARACTER.test(node.value)) literalWithControl = true;
    },
  });
  return { document, tokens: tokensOf(document), literalWithControl };
}

function boundedRequest(schema: GraphQLSchema): RequestHandler {
  const remembered = parsedQueries();
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > MAX_BATCH) {
      refuse(res, 'BAD_REQUEST', `A batch may hold at most ${MAX_BATCH} operations.`);
      return;
    }
    const entries = entriesOf(req);
    // The body as sent; for a GET, the query string and its variables once decoded from JSON.
    const controlAt = controlCharacterIn(req.method === 'GET' ? { ...(req.query as object), variables: entries[0]?.variables } : req.body);
    if (controlAt) {
      refuse(res, 'BAD_USER_INPUT', `${CONTROL_MESSAGE}; found one in ${controlAt.join('.') || 'the body'}.`, { field: controlAt });
      return;
    }
    let tokens = 0;
    let cost = 0;
    let introspectionFields = 0;
    for (const [index, entry] of entries.entries()) {
      if (typeof entry.query !== 'string') continue;
      const where = entries.length > 1 ? ` (operation ${index + 1} of the batch)` : '';
      // A remembered text counts its tokens as before; one that may not fit what the batch has
      // left is parsed again, so the refusal is the parser's, as for a text never seen.
      let parsed = remembered.get(entry.query);
      if (!parsed || parsed.tokens > MAX_TOKENS - tokens) {
        try {
          parsed = parseQuery(entry.query, MAX_TOKENS - tokens);
        } catch (error) {
          // graphql-js says "Document contains more that N tokens. Parsing aborted." (sic).
          if (/tokens\. Parsing aborted/.test((error as Error).message)) {
            refuse(res, 'QUERY_TOO_COMPLEX', `The request holds more than ${MAX_TOKENS} GraphQL tokens${where}; send fewer or smaller operations.`);
            return;
          }
          // A syntax error: Apollo answers it with its own 400.
          continue;
        }
        remembered.keep(entry.query, parsed);
      }
      const { document } = parsed;
      tokens += parsed.tokens;
      if (parsed.literalWithControl) {
        refuse(res, 'BAD_USER_INPUT', `${CONTROL_MESSAGE}; found one in a string of the query${where}.`);
        return;
      }
      const operation = operationOf(document, entry.operationName);
      const variables = operation && coercedVariables(schema, operation, entry.variables);
      // No operation to run, or variables that do not fit: Apollo refuses it before running anything.
      if (!operation || !variables) continue;
      const analysis = analyseOperation(schema, document, operation, variables);
      if (analysis.tooLong) {
        const { path, length, limit } = analysis.tooLong;
        refuse(res, 'BAD_USER_INPUT', `${path.join('.')} holds ${length} characters; at most ${limit} are allowed${where}.`, { field: path });
        return;
      }
      cost += analysis.cost;
      introspectionFields += analysis.introspectionFields;
    }
    if (introspectionFields > MAX_INTROSPECTION_FIELDS) {
      refuse(res, 'QUERY_TOO_COMPLEX', `A request may read the schema (__schema or __type) at most ${MAX_INTROSPECTION_FIELDS} time; this one asks ${introspectionFields} times.`);
      return;
    }
    if (cost > MAX_COMPLEXITY) {
      const scope = entries.length > 1 ? `The ${entries.length} operations of this request cost` : 'The operation costs';
      refuse(res, 'QUERY_TOO_COMPLEX', `${scope} ${Math.ceil(cost)}; at most ${MAX_COMPLEXITY} is allowed. Ask for fewer items, fields or aliases.`, { cost: Math.ceil(cost), maxCost: MAX_COMPLEXITY });
      return;
    }
    next();
  };
}
