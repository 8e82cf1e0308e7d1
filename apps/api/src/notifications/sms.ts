import type { MessageTransport } from '@clinic/domain';
import type { Logger } from '../logger.js';
import type { NotificationSettings } from './settings.js';

/** A provider that delivers one SMS and answers with its id for it; throws when it refuses. */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<{ id: string | null }>;
}

/** The default: each SMS is written to the server log and counts as sent. */
export function logSmsProvider(logger: Logger): SmsProvider {
  const log = logger.child({ component: 'sms' });
  let count = 0;
  return {
    name: 'log',
    send(to, text) {
      count += 1;
      const id = `log-${Date.now()}-${count}`;
      log.info({ id, to, text }, 'SMS (SMS_PROVIDER=log: written to the log)');
      return Promise.resolve({ id });
    },
  };
}

/**
 * A generic HTTP gateway: POST `{ "to": "...", "text": "..." }` as JSON with a bearer token;
 * a 2xx answer is success, its JSON `id` (if any) the provider's id. Most SMS gateways accept
 * this shape directly or through a small relay.
 */
export function httpSmsProvider({ url, token, timeoutMs = 10_000 }: { url: string; token: string | undefined; timeoutMs?: number }): SmsProvider {
  return {
    name: 'http',
    async send(to, text) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`the SMS gateway answered ${response.status}`);
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { id: typeof answer.id === 'string' || typeof answer.id === 'number' ? String(answer.id) : null };
    },
  };
}

export function smsProviderOf(settings: NotificationSettings, logger: Logger): SmsProvider {
  return settings.smsProvider === 'http' && settings.smsHttpUrl ? httpSmsProvider({ url: settings.smsHttpUrl, token: settings.smsHttpToken }) : logSmsProvider(logger);
}

/** The SMS channel of reminders. */
export function smsTransport(provider: SmsProvider): MessageTransport {
  return {
    async send(message) {
      const { id } = await provider.send(message.to, message.body);
      return { providerMessageId: id };
    },
  };
}
