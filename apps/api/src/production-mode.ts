/**
 * The built server runs in production mode unless NODE_ENV says otherwise. Imported first by
 * main.ts, before anything loads graphql: graphql-js reads NODE_ENV once, when it is first
 * imported, and outside production it checks every value's class (its `instanceOf` guard
 * against two copies of graphql) on every field of every request. HTTP workers (cluster.ts)
 * inherit the variable. Run from the TypeScript sources (`pnpm dev`), it stays unset, so a
 * developer keeps graphql-js's development checks; tests set NODE_ENV=test themselves.
 */
if (process.env['NODE_ENV'] === undefined && import.meta.url.endsWith('.js')) process.env['NODE_ENV'] = 'production';

export {};
