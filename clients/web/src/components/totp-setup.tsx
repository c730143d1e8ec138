import type { FormEvent } from 'react';
import { Notice } from './messages';
import { TextField } from './text-field';

export interface TotpEnrolment {
  secret: string;
  qrCodeSvg: string;
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
        Scan this code with an authenticator app on your phone, or type the key below into it. Then type the 6-digit
        code the app shows.
      </p>
      <img
        className="qr-code"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`}
        alt="QR code to scan with your authenticator app"
        width={200}
        height={200}
      />
      <p>
        Key: <code className="secret">{enrolment.secret}</code>
      </p>
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
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <Notice title="Save your recovery codes now">
      <p>
        Each code signs you in once when your phone is not at hand. Print them or keep them in a password manager: they
        are not shown again.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** What a person is told when an authenticator code was refused. */
export const WRONG_CODE = 'That code is not correct. Codes change every 30 seconds: type the one your app shows now.';
