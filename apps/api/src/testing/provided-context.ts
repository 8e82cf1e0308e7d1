/**
 * What the domain's global set-up provides to test files. The domain declares it in
 * `global-setup.ts`, which this project's type check never imports, so `inject()` in
 * `@clinic/domain/testing` would not type-check here without the same declaration.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
  }
}

export {};
