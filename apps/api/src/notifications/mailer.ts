import nodemailer from 'nodemailer';
import type { MessageTransport } from '@clinic/domain';
import type { Logger } from '../logger.js';

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Sets the message's language (Content-Language) and direction for mail clients. */
  readonly language?: 'en' | 'ar';
}

/** Sends e-mail: by SMTP (nodemailer) when a URL is set, else into the server log. */
export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * nodemailer over SMTP_URL; without it, nodemailer's JSON transport, each message written to
 * the log (so a fresh `pnpm start` sends reminders with no set-up, and one can read them).
 */
export function createMailer({ smtpUrl, from, logger }: { smtpUrl: string | undefined; from: string; logger: Logger }): Mailer {
  const log = logger.child({ component: 'mail' });
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.language ? { headers: { 'Content-Language': mail.language } } : {}),
      });
      if (smtpUrl) log.info({ messageId: info.messageId, to: mail.to }, 'e-mail sent');
      else log.info({ messageId: info.messageId, mail: JSON.parse(String((info as { message?: unknown }).message)) as unknown }, 'e-mail (SMTP_URL unset: written to the log)');
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}

/** The e-mail channel of reminders. */
export function emailTransport(mailer: Mailer): MessageTransport {
  return {
    async send(message) {
      const { messageId } = await mailer.send({ to: message.to, subject: message.subject ?? '', text: message.body, language: message.language });
      return { providerMessageId: messageId };
    },
  };
}
