import type { RequestHandler, Response } from 'express';
import { IDEMPOTENCY_KEY_PATTERN } from '@clinic/domain';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID';

/**
 * Reads the `Idempotency-Key` header of a GraphQL request (after the body is parsed): refused
 * with 400 when it is not 1 to 200 visible ASCII characters, or when it comes with a batch of
 * more than one operation (one key cannot name several changes). The creating mutations read
 * it with `idempotencyKeyOf`.
 */
export function idempotencyKeys(): RequestHandler {
  return (req, res, next) => {
    const key = req.get(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined) return next();
    const refuse = (message: string) =>
      res.status(400).json({ errors: [{ message, extensions: { code: IDEMPOTENCY_KEY_INVALID } }] });
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      refuse('The Idempotency-Key header must have 1 to 200 visible ASCII characters (a UUID is a good choice).');
      return;
    }
    if (Array.isArray(req.body) && req.body.length !== 1) {
      refuse('A request with an Idempotency-Key must hold exactly one operation; send each mutation with its own key.');
      return;
    }
    res.locals['idempotencyKey'] = key;
    next();
  };
}

/** The request's validated Idempotency-Key, if it sent one. */
export function idempotencyKeyOf(res: Response): string | undefined {
  const key: unknown = res.locals['idempotencyKey'];
  return typeof key === 'string' ? key : undefined;
}
