import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// The one copy of graphql that Node itself loads (type-graphql's), not vite's ESM build of it:
// two copies would make every scalar and type a stranger to the other.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: {
    // The domain's sources, not its build: tests see edits without a rebuild. Most specific first.
    alias: [
      { find: '@clinic/domain/testing', replacement: fromHere('../../packages/domain/src/testing/index.ts') },
      { find: '@clinic/domain', replacement: fromHere('../../packages/domain/src/index.ts') },
      { find: /^graphql$/, replacement: graphqlEntry },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    // The domain's (PostgreSQL, the migrated template), then the demo data seeded once into a copy.
    globalSetup: ['../../packages/domain/src/testing/global-setup.ts', 'src/testing/seeded-template.ts'],
    setupFiles: ['reflect-metadata'],
    // The files import the same server (type-graphql schema, domain, ORM): evaluating it once per
    // worker instead of once per file saves about a minute of CI. No module here keeps state a
    // file relies on being fresh (each file starts its own server on its own database).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
