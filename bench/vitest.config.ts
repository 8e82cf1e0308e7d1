import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// The one copy of graphql that Node itself loads for the API (type-graphql's), not vite's ESM
// build of it: two copies would make every scalar and type a stranger to the other.
const graphqlEntry = createRequire(fromHere('../apps/api/package.json')).resolve('graphql');

/** `pnpm test:reliability`: the API over real HTTP on real PostgreSQL, with a fixed clock. */
export default defineConfig({
  resolve: {
    alias: [
      { find: '@clinic/domain/testing', replacement: fromHere('../packages/domain/src/testing/index.ts') },
      { find: '@clinic/domain', replacement: fromHere('../packages/domain/src/index.ts') },
      { find: /^graphql$/, replacement: graphqlEntry },
    ],
  },
  test: {
    include: ['reliability/**/*.test.ts'],
    globalSetup: ['../packages/domain/src/testing/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    // The files load the 2 cores fully on their own; one at a time keeps each one's timing honest.
    fileParallelism: false,
    // One worker's module graph for every file (the server, domain and ORM are imported once).
    isolate: false,
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
