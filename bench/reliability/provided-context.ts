/**
 * What the domain's global set-up provides to test files (declared in its global-setup.ts, which
 * this package's type check never imports), so `inject()` in @clinic/domain/testing type-checks.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
  }
}

export {};
