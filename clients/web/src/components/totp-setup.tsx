import { useState, type FormEvent } from 'react';
import { saveFile } from '../api/download';
import { Notice } from './messages';
import { TextField } from './text-field';

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrCodeSvg: string;
}

/** The key in groups of 4 ("ABCD EFGH …"): 32 characters typed by hand are read off in chunks. */
export const groupedKey = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * On a phone the QR code cannot be scanned by the same phone: the otpauth:// link opens the
 * authenticator app with the key, and "Copy key" spares typing it.
 */
function KeyActions({ enrolment }: { enrolment: TotpEnrolment }) {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(enrolment.secret);
      setCopied('Key copied. Paste it into your authenticator app.');
    } catch {
      setCopied('This browser did not let the page copy. Select the key and copy it, or type it.');
    }
  }
  return (
    <>
      <p>
        Key: <code className="secret">{groupedKey(enrolment.secret)}</code>
      </p>
      <div className="actions">
        <a className="button button-secondary" href={enrolment.otpauthUri}>
          Open in your authenticator app
        </a>
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy key
        </button>
      </div>
      <p role="status" className="hint">
        {copied}
      </p>
    </>
  );
}

/**
 * Setting up an authenticator app: its QR code and key (shown once), and the field for the first
 * code that turns it on. The same on /account and on /sign-in when a second factor is required.
 */
export function TotpSetupForm({
  enrolment,
  code,
  onCode,
  problem,
  onSubmit,
  onCancel,
}: {
  enrolment: TotpEnrolment;
  code: string;
  onCode: (code: string) => void;
  problem: string[];
  onSubmit: (event: FormEvent) => void;
  onCancel?: () => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>
        Scan this code with an authenticator app on your phone. On the phone itself, open the app with the button below,
        or copy the key (spaces do not matter) into it. Then type the 6-digit code the app shows.
      </p>
      <img
        className="qr-code"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`}
        alt="QR code to scan with your authenticator app"
        width={200}
        height={200}
      />
      <KeyActions enrolment={enrolment} />
      <TextField
        label="Authentication code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => onCode(e.target.value)}
        errors={problem}
      />
      <div className="actions">
        <button type="submit" className="button">
          Turn on
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** Recovery codes, shown once: what to do with them is said next to them. */
/** The file a person keeps: a line of what it is, then one code a line. */
const codesFile = (codes: string[], userName: string | undefined) =>
  [
    `Recovery codes${userName ? ` for ${userName}` : ''}, Secure Employer Website.`,
    'Each code signs you in once when your authenticator app is not at hand.',
    '',
    ...codes,
    '',
  ].join('\n');

/**
 * The codes, shown once: copied to a password manager, downloaded as a text file or printed (on
 * paper only the codes: the rest of the page is left out).
 */
export function RecoveryCodeList({ codes, userName }: { codes: string[]; userName?: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const text = codesFile(codes, userName);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Recovery codes copied. Paste them into your password manager.');
    } catch {
      setSaid('This browser did not let the page copy. Download or print the codes instead.');
    }
  }
  function download() {
    const name = (userName ?? '').replace(/[^A-Za-z0-9._@-]+/g, '-');
    saveFile(new Blob([text], { type: 'text/plain;charset=utf-8' }), `recovery-codes${name ? `-${name}` : ''}.txt`);
    setSaid('Recovery codes downloaded. Keep the file where only you can read it.');
  }
  function print() {
    document.body.classList.add('printing-recovery-codes');
    window.print();
    document.body.classList.remove('printing-recovery-codes');
  }
  return (
    <Notice title="Save your recovery codes now">
      <div className="recovery-codes-box">
        <p>
          Each code signs you in once when your phone is not at hand. Copy them into a password manager, download or
          print them: they are not shown again.
        </p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button button-secondary" onClick={download}>
          Download
        </button>
        <button type="button" className="button button-secondary" onClick={print}>
          Print
        </button>
      </div>
      <p role="status" className="hint">
        {said}
      </p>
    </Notice>
  );
}

/** What a person is told when an authenticator code was refused. */
export const WRONG_CODE = 'That code is not correct. Codes change every 30 seconds: type the one your app shows now.';
