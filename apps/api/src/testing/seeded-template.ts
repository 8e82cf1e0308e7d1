import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { seedDemoData } from '@clinic/domain';
import { createFilledTemplate } from '@clinic/domain/testing';

/**
 * The one clock of the API tests: Tuesday 2026-11-24, 09:00 in Riyadh. The demo data is seeded
 * with it and the server answers with it, so "today", "the past" and expiry dates agree.
 */
export const NOW = new Date('2026-11-24T06:00:00Z');

const SEEDED_TEMPLATE_DATABASE = 'clinic_seeded_template';

/**
 * The API tests' second global setup, after the domain's (which starts PostgreSQL and migrates
 * the template): a copy of the migrated template with the demo data seeded at NOW. Seeding runs
 * dozens of use cases; doing it once instead of in each of the thirty-odd files that start a
 * seeded API saves about a minute of CI, and every file still gets a database of its own
 * (CREATE DATABASE ... TEMPLATE takes milliseconds).
 */
export default async function setup(project: TestProject) {
  await createFilledTemplate(project.getProvidedContext().databaseAdminUrl, SEEDED_TEMPLATE_DATABASE, async (orm) => {
    const outcome = await seedDemoData(orm, { now: NOW });
    if (!outcome.seeded) throw new Error(`the demo data was not seeded: ${JSON.stringify(outcome)}`);
  });
  project.provide('seededTemplateDatabase', SEEDED_TEMPLATE_DATABASE);
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplateDatabase: string;
  }
}
