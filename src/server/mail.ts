import { createTransport } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text only: nothing a resident typed can become markup in someone's mail client. */
  text: string;
}

/** Sends one message or throws; retries are the caller's business (contact-requests.ts). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP through nodemailer (SMTP_URL, e.g. smtp://user:pass@host:587 or smtps://…:465). Short timeouts: a dead server
 * must fail an attempt quickly, the request itself is already stored.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
