import { refuse } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    refuse('VALIDATION', `"first" runs from 1 to ${MAX_PAGE_SIZE}.`, ['first'], { reason: 'OUT_OF_RANGE', params: { min: 1, max: MAX_PAGE_SIZE } });
  }
  return first;
}

/** Opaque to callers: base64url of "<instant ms>:<id>". */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.getTime()}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const at = new Date(Number(ms));
  if (!id || !isUuid(id) || Number.isNaN(at.getTime())) return refuse('VALIDATION', 'The cursor is not one this API gave out.', ['after'], { reason: 'STALE_CURSOR' });
  return { at, id };
}
