import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isValidLocalDate } from '@clinic/domain';

function invalid(message: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A clinic-local calendar date: "2026-11-24". Kept as a string: it is not an instant. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Clinic-local calendar date, ISO-8601: 2026-11-24.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isValidLocalDate(value)) invalid('A Date is written 2026-11-24.');
    return value as string;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isValidLocalDate(ast.value)) invalid('A Date is written 2026-11-24.');
    return (ast as { value: string }).value;
  },
});

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !INSTANT.test(value)) {
    return invalid('A DateTime is written with its offset: 2026-11-24T09:00:00+03:00.');
  }
  const instant = new Date(value);
  // Date.parse rolls 2026-02-30 over to March; the written day must exist.
  if (Number.isNaN(instant.getTime()) || !isValidLocalDate(value.slice(0, 10))) {
    return invalid('That DateTime does not exist: check the day of the month.');
  }
  if (instant.getUTCFullYear() < 2000 || instant.getUTCFullYear() > 2200) {
    return invalid('That DateTime does not exist or is out of range.');
  }
  return instant;
}

/** An instant, ISO-8601 with an offset; answers use Z. */
export const InstantScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'Instant, ISO-8601 with offset: 2026-11-24T09:00:00+03:00 (answers use Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
