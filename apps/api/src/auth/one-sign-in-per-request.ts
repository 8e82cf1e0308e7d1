import type { RequestHandler } from 'express';
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';

/**
 * One `login` per HTTP request: aliases and the entries of a batch are counted together, and a
 * request that holds more is refused whole (400) before any of it runs. Otherwise one request
 * would carry thousands of guesses past every per-request defence.
 */
export function oneSignInPerRequest(): RequestHandler {
  return (req, res, next) => {
    const entries: unknown[] = Array.isArray(req.body) ? req.body : [req.body ?? req.query];
    let logins = 0;
    for (const entry of entries) {
      const query = (entry as { query?: unknown } | null)?.query;
      // Cheap first: most requests never name the field. A document that does not parse is Apollo's to refuse.
      if (typeof query !== 'string' || !query.includes('login')) continue;
      let document: DocumentNode;
      try {
        document = parse(query, { noLocation: true });
      } catch {
        continue;
      }
      logins += loginsIn(document);
    }
    if (logins > 1) {
      res.status(400).json({
        errors: [{ message: `A request may hold one login; this one holds ${logins} (aliases and batch entries count).`, extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    next();
  };
}

/** `login` fields at the root of the document's mutations, through fragments and inline fragments. */
export function loginsIn(document: DocumentNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  // Each fragment is counted once and remembered, so nested spreads cost linear time; a cycle
  // (invalid, refused by validation anyway) counts nothing more.
  const counted = new Map<string, number>();
  const inProgress = new Set<string>();
  const ofFragment = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const total = count(fragment);
    inProgress.delete(name);
    counted.set(name, total);
    return total;
  };
  const count = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += selection.name.value === 'login' ? 1 : 0;
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
      else total += ofFragment(selection.name.value);
    }
    return Math.min(total, 1_000_000);
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation') {
      total += count(definition.selectionSet);
    }
  }
  return total;
}
