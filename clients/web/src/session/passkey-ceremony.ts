import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

/**
 * The browser's half of a passkey, with @simplewebauthn/browser: the server's JSON
 * options in, the browser's answer out as the JSON the server verifies. The device asks for its
 * PIN or fingerprint itself; nothing secret passes through the page.
 */
export const passkeysSupported = () => browserSupportsWebAuthn();

export async function passkeyAssertion(optionsJson: string): Promise<string> {
  return JSON.stringify(
    await startAuthentication({ optionsJSON: JSON.parse(optionsJson) as PublicKeyCredentialRequestOptionsJSON }),
  );
}

export async function passkeyRegistration(optionsJson: string): Promise<string> {
  return JSON.stringify(
    await startRegistration({ optionsJSON: JSON.parse(optionsJson) as PublicKeyCredentialCreationOptionsJSON }),
  );
}

/** A ceremony the person cancelled or let time out says so; anything else is a device problem. */
export const ceremonyFailure = (error: unknown) =>
  error instanceof Error && error.name === 'NotAllowedError'
    ? 'The passkey was not used (cancelled, or it took too long). Try again.'
    : 'This device could not use the passkey. Try again, or use another way.';
