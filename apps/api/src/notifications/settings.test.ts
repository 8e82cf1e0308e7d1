import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { loadNotificationSettings } from './settings.js';
import { httpSmsProvider } from './sms.js';

/** The notification settings from the environment, and the HTTP SMS adapter against a local gateway. */

it('defaults to the log for e-mail and SMS, 24 hours and 14 days, and reports every bad value at once', () => {
  expect(loadNotificationSettings({})).toMatchObject({ smtpUrl: undefined, smsProvider: 'log', reminders: { appointmentLeadHours: 24, expiryLeadDays: 14 }, remindersCron: '*/10 * * * *' });
  expect(loadNotificationSettings({ SMTP_URL: 'smtps://u:p@mail.example.com:465', SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.example.com/send', REMINDER_APPOINTMENT_HOURS: '48' })).toMatchObject({
    smtpUrl: 'smtps://u:p@mail.example.com:465',
    smsProvider: 'http',
    smsHttpUrl: 'https://sms.example.com/send',
    reminders: { appointmentLeadHours: 48, expiryLeadDays: 14 },
  });
  let problems: readonly string[] = [];
  try {
    loadNotificationSettings({ SMTP_URL: 'http://mail', SMS_PROVIDER: 'http', REMINDER_EXPIRY_DAYS: '0', REMINDERS_CRON: 'hourly' });
  } catch (error) {
    if (error instanceof ConfigError) problems = error.problems;
  }
  expect(problems).toEqual([
    'SMTP_URL must be an smtp:// or smtps:// URL',
    'SMS_PROVIDER=http needs SMS_HTTP_URL, an http(s):// URL',
    'REMINDER_EXPIRY_DAYS must be a whole number from 1 to 90',
    'REMINDERS_CRON must be a cron expression of five fields',
  ]);
});

let gateway: Server;
let url = '';
const received: Array<{ authorization: string | undefined; body: unknown }> = [];

beforeAll(async () => {
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string };
      received.push({ authorization: req.headers.authorization, body });
      if (body.to === 'refused') res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 4711 }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
});
afterAll(() => new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve())));

it('posts each SMS as JSON with the bearer token, keeps the gateway id, and throws on a refusal', async () => {
  const provider = httpSmsProvider({ url, token: 'secret-token' });
  await expect(provider.send('+966 50 111 2222', 'تذكير')).resolves.toEqual({ id: '4711' });
  await expect(provider.send('refused', 'x')).rejects.toThrow('the SMS gateway answered 503');
  expect(received[0]).toEqual({ authorization: 'Bearer secret-token', body: { to: '+966 50 111 2222', text: 'تذكير' } });
});
