import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';

export interface Mail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
}

export type SendMail = (mail: Mail) => Promise<void>;

/**
 * SMTP through nodemailer when `SMTP_URL` is set; otherwise each message becomes a file under
 * `./data/mail/` and a log line (recipient and subject only: bodies hold one-time secrets).
 */
export function createMailer(config: CredentialConfig['mail'], logger: Logger): SendMail {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl, { from: config.from });
    return async (mail) => {
      await transport.sendMail({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@employer-contacts>`,
      });
    };
  }
  return async (mail) => {
    await mkdir(config.directory, { recursive: true });
    const file = join(config.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.txt`);
    await writeFile(file, `From: ${config.from}\nTo: ${mail.recipient}\nSubject: ${mail.subject}\n\n${mail.body}\n`, {
      mode: 0o600,
    });
    logger.info({ to: mail.recipient, subject: mail.subject, file }, 'mail written (no SMTP_URL)');
  };
}
