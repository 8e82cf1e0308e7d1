/**
 * A real installation's first step: a tenant and its first ADMIN.
 *
 *   ADMIN_PASSWORD='...' pnpm tenant:create --slug acme --name "Acme Therapy" \
 *     --admin-email boss@acme.example --admin-name "Dr Boss" \
 *     [--clinic-en "Physiotherapy" --clinic-ar "العلاج الطبيعي" --time-zone Asia/Riyadh]
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR, like the server. Without
 * ADMIN_PASSWORD a strong password is generated and printed once.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createTenant, openDatabase } from '@clinic/domain';
import { loadConfig } from '../config.js';

const { values } = parseArgs({
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    'clinic-en': { type: 'string' },
    'clinic-ar': { type: 'string' },
    'time-zone': { type: 'string', default: 'Asia/Riyadh' },
  },
});
const missing = ['slug', 'name', 'admin-email', 'admin-name'].filter((key) => !values[key as keyof typeof values]);
if (missing.length) {
  process.stderr.write(`Missing: ${missing.map((key) => `--${key}`).join(', ')}\n`);
  process.exit(2);
}
const generated = !process.env['ADMIN_PASSWORD'];
const adminPassword = process.env['ADMIN_PASSWORD'] ?? randomBytes(12).toString('base64url');
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await createTenant(database.orm.em, {
    slug: values.slug as string,
    name: values.name as string,
    adminEmail: values['admin-email'] as string,
    adminName: values['admin-name'] as string,
    adminPassword,
    clinic: values['clinic-en']
      ? { nameEn: values['clinic-en'], nameAr: values['clinic-ar'] ?? values['clinic-en'], timeZone: values['time-zone'] as string }
      : undefined,
  });
  if (!result.ok) {
    process.stderr.write(`Not created: ${result.error.message} (${result.error.field?.join('.') ?? result.error.code})\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Created tenant "${result.value.tenant.name}" (${result.value.tenant.slug}); sign in as ${result.value.admin.email}\n`);
    if (generated) process.stdout.write(`Password (shown once): ${adminPassword}\n`);
  }
} finally {
  await database.close();
}
