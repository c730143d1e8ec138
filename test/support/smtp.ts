import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { collectMailSecrets } from './secrets';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  /** The outbox message's id (`<id@employer-contacts>`): the same mail delivered twice has the same one. */
  messageId?: string;
}

/** A real SMTP server in the test process, on a port of its own; it can go down and come back. */
export async function startSmtp() {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  // Recipients the server refuses at RCPT TO: the code, the words, and how many more times (Infinity: always).
  const refusals = new Map<string, { code: number; text: string; times: number }>();
  const refused: { to: string; code: number }[] = [];

  async function up(): Promise<void> {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, done) {
        const to = address.address.toLowerCase();
        const refusal = refusals.get(to);
        if (!refusal || refusal.times <= 0) return done();
        refusal.times -= 1;
        refused.push({ to, code: refusal.code });
        done(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
      },
      onData(stream, _session, done) {
        import('mailparser')
          .then(({ simpleParser }) => simpleParser(stream))
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
            received.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId });
            // For the log audit: the temporary passwords and links mailed, searched for in the suite's log.
            collectMailSecrets(mail.text ?? '');
            done();
          })
          .catch(done);
      },
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  }

  await up();
  return {
    received,
    /** Each RCPT TO the server refused so far. */
    refused,
    /**
     * Refuse `to` at RCPT TO with `code` (550: for good; 451: try again later), `times` times
     * (always by default); then it is accepted.
     */
    refuse(to: string, code: 550 | 451, text: string, times = Infinity) {
      refusals.set(to.toLowerCase(), { code, text, times });
    },
    url: () => `smtp://127.0.0.1:${port}`,
    /** The server stops answering; the same port comes back with `up()`. */
    down: () => new Promise<void>((resolve) => server!.close(() => resolve())),
    up,
    /** Mails to `to` so far; waits (polling) until at least `count` have arrived. */
    async waitFor(to: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mails = received.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
        if (mails.length >= count || Date.now() > deadline) return mails;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** The mails to `to` whose subject matches, waiting (polling) until one has arrived. */
    async waitForSubject(to: string, subject: RegExp, timeoutMs = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mails = received.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject));
        if (mails.length || Date.now() > deadline) return mails;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** The first mail to `to` whose text contains `text`, waiting (polling) until one has arrived. */
    async waitForText(to: string, text: string, timeoutMs = 15_000): Promise<ReceivedMail | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && m.text.includes(text));
        if (found || Date.now() > deadline) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
