import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookAppointment,
  createPatient,
  createUser,
  issuePasswordReset,
  listPatientMessages,
  messagesOfPatients,
  resetPassword,
  sendReminders,
  type EnqueuePasswordResetEmail,
  type Transports,
} from '@clinic/domain';
import { createClinicFixture, createTestDatabase, ok, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { createLogger } from '../logger.js';
import { createMailer, emailTransport, type Mailer } from './mailer.js';
import { smsTransport, type SmsProvider } from './sms.js';
import { startBoss } from '../jobs/queue.js';
import {
  declarePasswordResetEmailQueue,
  enqueuePasswordResetEmailThrough,
  PASSWORD_RESET_EMAIL_QUEUE,
  runPasswordResetEmail,
  type PasswordResetEmailJob,
} from './password-reset-emails.js';

interface Received {
  to: string[];
  subject: string;
  text: string;
  language: string | undefined;
}

/** Decodes what nodemailer wrote: encoded-word headers, a quoted-printable or base64 body. */
function parse(raw: string): Omit<Received, 'to'> {
  const [head = '', ...rest] = raw.split(/\r\n\r\n/);
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1];
  const words = (value: string) =>
    value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_all, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
  const body = rest.join('\r\n\r\n');
  const encoding = header('Content-Transfer-Encoding')?.trim().toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? qp(body.replace(/=\r\n/g, '')) : body;
  return { subject: words(header('Subject') ?? '').trim(), text: text.replace(/\r\n/g, '\n').trim(), language: header('Content-Language')?.trim() };
}

function qp(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The real reminders reach a real SMTP server (smtp-server, in this process) through nodemailer:
 * in English and in Arabic, in the clinic's time; a patient without consent is recorded SKIPPED;
 * two runs at once (two connections, as two processes) send each message once.
 */
let db: TestDatabase;
let fx: ClinicFixture;
let smtp: SMTPServer;
let mailer: Mailer;
const mails: Received[] = [];
const sms: Array<{ to: string; text: string }> = [];
let transports: Transports;

// Bought on Tuesday 24 November 2026: expires on 22 February 2027 (90 days).
const BOUGHT = new Date('2026-11-24T05:00:00Z');
// Sunday 14 February 2027, 10:00 in Riyadh: the purchase expires in 8 days.
const NOW = new Date('2027-02-14T07:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 6 });
  fx = await createClinicFixture(db.orm);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), ...parse(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Clinic <no-reply@clinic.test>', logger: createLogger({ level: 'silent' }) });
  const provider: SmsProvider = {
    name: 'test',
    send(to, text) {
      sms.push({ to, text });
      return Promise.resolve({ id: `sms-${sms.length}` });
    },
  };
  transports = { EMAIL: emailTransport(mailer), SMS: smsTransport(provider) };
});
afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await db?.drop();
});

it('sends due reminders once in the patient’s language, records every message, skips without consent', async () => {
  const desk = fx.context('RECEPTIONIST', BOUGHT);
  const english = ok(await createPatient(desk, { mrn: 'N-EN', nameEn: 'Sara Ali', phone: '+966 50 111 2222', email: 'Sara@Example.test', remindersByEmail: true, remindersBySms: true }));
  const arabic = ok(
    await createPatient(desk, { mrn: 'N-AR', nameEn: 'Omar Said', nameAr: 'عمر سعيد', email: 'omar@example.test', preferredLanguage: 'ar', remindersByEmail: true }),
  );
  const silent = ok(await createPatient(desk, { mrn: 'N-NO', nameEn: 'No Consent', email: 'no@example.test', phone: '+966 50 333 4444' }));
  expect(english).toMatchObject({ email: 'sara@example.test', preferredLanguage: 'en', consentRecordedAt: BOUGHT });
  expect(silent.consentRecordedAt).toBeNull();
  const refused = await createPatient(desk, { mrn: 'N-BAD', nameEn: 'Bad', email: 'not an address' });
  expect(refused.ok ? null : [refused.error.code, refused.error.detail?.reason]).toEqual(['VALIDATION', 'NOT_AN_EMAIL']);

  // The Arabic patient's purchase expires in 8 days with its 10 sessions left.
  await fx.buyPackage({ now: BOUGHT, patient: arabic });
  const booking = fx.context('RECEPTIONIST', new Date('2027-02-13T06:00:00Z'));
  const book = async (patientId: string, time: string, day = '2027-02-15') =>
    ok(await bookAppointment(booking, { patientId, providerId: fx.provider.id, serviceId: fx.therapy.id, startsAt: fx.at(day, time) }));
  await book(english.id, '08:00');
  await book(arabic.id, '09:00');
  await book(silent.id, '10:00');
  // Beyond 24 hours: not yet.
  await book(english.id, '08:00', '2027-02-16');

  // Two runs at once, on their own connections: each message is claimed by one of them.
  const runs = await Promise.all([sendReminders(db.orm.em, NOW, transports), sendReminders(db.orm.em, NOW, transports)]);
  const again = await sendReminders(db.orm.em, NOW, transports);
  expect(again).toEqual({ sent: 0, failed: 0, skipped: 0 });
  const total = runs.reduce((sum, run) => ({ sent: sum.sent + run.sent, failed: sum.failed + run.failed, skipped: sum.skipped + run.skipped }), { sent: 0, failed: 0, skipped: 0 });
  // Sara: e-mail and SMS; Omar: appointment e-mail, expiry e-mail, and no phone / no SMS consent twice; the silent one: no consent twice.
  expect(total).toEqual({ sent: 4, failed: 0, skipped: 4 });

  expect(mails.map((mail) => mail.to.join())).toEqual(expect.arrayContaining(['sara@example.test', 'omar@example.test', 'omar@example.test']));
  expect(mails).toHaveLength(3);
  const sara = mails.find((mail) => mail.to.includes('sara@example.test'));
  expect(sara).toMatchObject({ subject: 'Reminder: your appointment at Speech-Language Pathology', language: 'en' });
  // 08:00 in Riyadh (05:00 UTC), said in the clinic's time.
  expect(sara?.text).toContain('Speech therapy appointment with');
  expect(sara?.text).toContain('Monday, 15 February 2027 at 8:00 am');
  const omar = mails.filter((mail) => mail.to.includes('omar@example.test'));
  expect(omar.map((mail) => mail.subject).sort()).toEqual(['تذكير بموعدك في أمراض النطق واللغة', `تنتهي باقة ${fx.pkg.nameAr} في ٢٢ فبراير ٢٠٢٧`].sort());
  expect(omar.every((mail) => mail.language === 'ar')).toBe(true);
  const appointmentMail = omar.find((mail) => mail.subject.startsWith('تذكير'));
  expect(appointmentMail?.text).toContain('عزيزنا عمر سعيد');
  expect(appointmentMail?.text).toContain('علاج النطق');
  expect(appointmentMail?.text).toContain('١٥ فبراير ٢٠٢٧');
  expect(appointmentMail?.text).toContain('٩:٠٠ ص');
  expect(omar.find((mail) => mail.subject.startsWith('تنتهي'))?.text).toContain('١٠ جلسات');
  expect(sms).toEqual([{ to: '+966 50 111 2222', text: expect.stringContaining('Monday, 15 February 2027 at 8:00 am') as string }]);

  const records = await db.sql.query<{ mrn: string; channel: string; template: string; language: string; status: string; reason: string | null; sent: boolean; provider: string | null }>(
    `select p.mrn, m.channel, m.template, m.language, m.status, m.reason, m.sent_at is not null as sent, m.provider_message_id as provider
       from patient_message m join patient p on p.id = m.patient_id order by p.mrn, m.template, m.channel`,
  );
  expect(records.rows.map((row) => [row.mrn, row.template, row.channel, row.status, row.reason ?? row.language])).toEqual([
    ['N-AR', 'APPOINTMENT_REMINDER', 'EMAIL', 'SENT', 'ar'],
    ['N-AR', 'APPOINTMENT_REMINDER', 'SMS', 'SKIPPED', 'NO_CONSENT'],
    ['N-AR', 'PACKAGE_EXPIRY_REMINDER', 'EMAIL', 'SENT', 'ar'],
    ['N-AR', 'PACKAGE_EXPIRY_REMINDER', 'SMS', 'SKIPPED', 'NO_CONSENT'],
    ['N-EN', 'APPOINTMENT_REMINDER', 'EMAIL', 'SENT', 'en'],
    ['N-EN', 'APPOINTMENT_REMINDER', 'SMS', 'SENT', 'en'],
    ['N-NO', 'APPOINTMENT_REMINDER', 'EMAIL', 'SKIPPED', 'NO_CONSENT'],
    ['N-NO', 'APPOINTMENT_REMINDER', 'SMS', 'SKIPPED', 'NO_CONSENT'],
  ]);
  expect(records.rows.filter((row) => row.status === 'SENT').every((row) => row.sent && row.provider)).toBe(true);

  // Staff read them by the patient (one statement for many) and by the list, alike.
  const [ofOmar, ofSara] = await messagesOfPatients(fx.context('RECEPTIONIST', NOW), [arabic.id, english.id]);
  expect([ofOmar?.length, ofSara?.length]).toEqual([4, 2]);
  const skipped = ok(await listPatientMessages(fx.context('FINANCE', NOW), { patientId: arabic.id, status: 'SKIPPED' }));
  expect(skipped.map((message) => message.reason)).toEqual(['NO_CONSENT', 'NO_CONSENT']);
  // A clinician sees the messages of the patients they see.
  const [clinicians] = await messagesOfPatients(fx.context('CLINICIAN', NOW), [english.id]);
  expect(clinicians).toHaveLength(2);
});


it('a password-reset link is e-mailed once through the job queued with it; a rolled-back issue queues nothing; a replaced link is not sent', async () => {
  const silent = createLogger({ level: 'silent' });
  const boss = await startBoss({ url: db.url, logger: silent, poolMax: 2 });
  try {
    await declarePasswordResetEmailQueue(boss, db.orm);
    const emailing = { enqueue: enqueuePasswordResetEmailThrough(boss) };
    const created = ok(await createUser(fx.context('ADMIN', NOW), { email: 'Nadia.Desk@Example.test', name: 'Nadia Desk', role: 'RECEPTIONIST' }, emailing));
    expect(created.passwordReset?.emailedTo).toBe('nadia.desk@example.test');
    // A newer link spends the first: the first one's e-mail will not go.
    const issued = ok(await issuePasswordReset(fx.context('ADMIN', NOW), { userId: created.user.id }, emailing));
    expect(issued.emailedTo).toBe('nadia.desk@example.test');
    // The job is written, then the transaction fails: neither the link nor its job stays.
    const failing: EnqueuePasswordResetEmail = async (id, transaction) => {
      await emailing.enqueue(id, transaction);
      throw new Error('the issuing transaction fails after queueing');
    };
    await expect(issuePasswordReset(fx.context('ADMIN', NOW), { userId: created.user.id }, { enqueue: failing })).rejects.toThrow('after queueing');

    const links = await db.sql.query<{ id: string; token_hash: string }>('select id, token_hash from password_reset where user_id = $1', [created.user.id]);
    expect(links.rows).toHaveLength(2);
    const jobs = await boss.fetch<PasswordResetEmailJob>(PASSWORD_RESET_EMAIL_QUEUE, { batchSize: 10 });
    expect(jobs.map((job) => job.id).sort()).toEqual(links.rows.map((row) => row.id).sort());

    // Every job run twice at once, as by two processes: one e-mail, for the newest link only.
    const run = (job: { data: PasswordResetEmailJob }) => runPasswordResetEmail(db.orm, NOW, job.data, { publicUrl: 'https://clinic.example.test/', mailer, log: silent });
    const outcomes = await Promise.all([...jobs, ...jobs].map(run));
    expect(outcomes.filter(Boolean).sort()).toEqual(['SENT', 'SKIPPED']);
    const sent = mails.filter((mail) => mail.to.includes('nadia.desk@example.test'));
    expect(sent).toHaveLength(1);
    const link = `https://clinic.example.test/reset-password/${issued.token}`;
    expect(sent[0]?.subject).toBe(`${fx.tenant.name}: set your password / تعيين كلمة المرور`);
    expect(sent[0]?.text).toContain(`Hello Nadia Desk,\n\nAn administrator of ${fx.tenant.name} gave you this link to set your password:\n${link}\n`);
    expect(sent[0]?.text).toContain(`مرحبًا Nadia Desk،`);
    expect(sent[0]?.text).toContain('خلال ٧٢ ساعة');

    const records = await db.sql.query<{ id: string; status: string; reason: string | null; token: string | null; sent: boolean; message: string | null }>(
      `select id, email_status as status, email_skip_reason as reason, email_token as token, emailed_at is not null as sent, email_message_id as message
         from password_reset where user_id = $1`,
      [created.user.id],
    );
    const newest = records.rows.find((row) => row.status === 'SENT');
    expect(records.rows.map((row) => [row.status, row.reason, row.token]).sort()).toEqual([
      ['SENT', null, null],
      ['SKIPPED', 'LINK_SPENT', null],
    ]);
    expect(newest?.sent && newest.message).toBeTruthy();
    // The e-mailed link is the one the admin saw, and it works.
    ok(await resetPassword({ em: db.orm.em.fork(), now: NOW }, { token: issued.token, newPassword: 'orbit lantern maple quarry' }));

    // A mail server that refuses: recorded FAILED with its answer, the secret gone all the same.
    const refused = ok(await issuePasswordReset(fx.context('ADMIN', NOW), { userId: created.user.id }, emailing));
    const [next] = await boss.fetch<PasswordResetEmailJob>(PASSWORD_RESET_EMAIL_QUEUE);
    const refusing = { send: () => Promise.reject(new Error('550 mailbox unavailable')), close: () => undefined };
    expect(await runPasswordResetEmail(db.orm, NOW, next!.data, { publicUrl: 'https://clinic.example.test', mailer: refusing, log: silent })).toBe('FAILED');
    const failed = await db.sql.query('select email_status, email_error, email_token from password_reset where token_hash = encode(sha256($1::bytea), \'hex\')', [refused.token]);
    expect(failed.rows).toEqual([{ email_status: 'FAILED', email_error: '550 mailbox unavailable', email_token: null }]);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
});
