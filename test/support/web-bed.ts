import type { Browser } from 'playwright-core';
import { startFederation, type Federation } from './federation';
import { startSmtp } from './smtp';
import { launchChromium } from './web-browser';

/** What a browser test drives: the federation (its mail to a real SMTP server) and Chromium. */
export interface WebBed {
  federation: Federation;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  browser: Browser;
  /** The gateway's origin, where the web app is served. */
  origin: string;
}

/** The federation with mail delivered quickly to an in-process SMTP server, and a Chromium. */
export async function startWebBed(label: string, env: NodeJS.ProcessEnv = {}): Promise<WebBed> {
  const smtp = await startSmtp();
  const federation = await startFederation(label, {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    MAIL_RETRY_MAX_SECONDS: '1',
    ...env,
  });
  return { smtp, federation, origin: new URL(federation.gatewayUrl).origin, browser: await launchChromium() };
}

export async function stopWebBed(bed: Partial<WebBed>): Promise<void> {
  await bed.browser?.close();
  await bed.federation?.stop();
  await bed.smtp?.stop();
}
