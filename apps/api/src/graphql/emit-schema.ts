/** Writes the served SDL to the repository's schema.graphql: `pnpm schema:emit`. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../config.js';
import { buildGraphqlSchema, printSortedSchema } from './schema.js';

const target = resolve(REPO_ROOT, 'schema.graphql');
writeFileSync(target, printSortedSchema(await buildGraphqlSchema()));
process.stdout.write(`Wrote ${target}\n`);
