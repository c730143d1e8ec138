import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A passkey device in the test process, without a browser: it answers the server's WebAuthn
 * options as a platform authenticator that verified its holder would (attestation "none", an
 * ES256 key), so integration tests can register passkeys and prove with them. Chromium's virtual
 * authenticator does the same in the browser tests; this one costs no browser start.
 */

/** The origin the test federation's relying party expects (WEBAUTHN_ORIGIN's default). */
const ORIGIN = 'http://localhost:4000';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

/** The few CBOR shapes an attestation object and a COSE key need: integers, text, bytes, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, length: number) => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
    const bytes = Buffer.alloc(3);
    bytes[0] = (major << 5) | 25;
    bytes.writeUInt16BE(length, 1);
    return bytes;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map)
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`no CBOR for ${typeof value}`);
}

/** One device holding passkeys it made; each answer is the JSON the server reads from a browser. */
export function softwareAuthenticator(origin = ORIGIN) {
  const keys = new Map<string, { privateKey: KeyObject; userHandle: string; counter: number }>();
  // User present and verified (PIN, biometrics), as a passwordless passkey needs.
  const PRESENT_AND_VERIFIED = 0x01 | 0x04;

  const clientData = (type: string, challenge: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

  return {
    /** navigator.credentials.create with the server's options: a new passkey; the registration JSON. */
    create(optionsJson: string): string {
      const options = JSON.parse(optionsJson) as { challenge: string; rp: { id: string }; user: { id: string } };
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const credentialId = randomBytes(16);
      keys.set(b64url(credentialId), { privateKey, userHandle: options.user.id, counter: 0 });
      const coseKey = new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        sha256(options.rp.id),
        Buffer.from([PRESENT_AND_VERIFIED | 0x40]), // and attested credential data follows
        Buffer.alloc(4), // signature counter 0
        Buffer.alloc(16), // AAGUID: none
        length,
        credentialId,
        cbor(coseKey),
      ]);
      const attestationObject = cbor(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      );
      return JSON.stringify({
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: 'public-key',
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', options.challenge)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
      });
    },

    /**
     * navigator.credentials.get with the server's options: an assertion by one of this device's
     * passkeys the options allow (any, when they name none); the authentication JSON.
     */
    get(optionsJson: string): string {
      const options = JSON.parse(optionsJson) as {
        challenge: string;
        rpId: string;
        allowCredentials?: { id: string }[];
      };
      const allowed = options.allowCredentials?.map((c) => c.id);
      const id = [...keys.keys()].find((k) => !allowed?.length || allowed.includes(k));
      if (!id) throw new Error('this device holds none of the passkeys the options allow');
      const key = keys.get(id)!;
      key.counter += 1;
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(key.counter);
      const authData = Buffer.concat([sha256(options.rpId), Buffer.from([PRESENT_AND_VERIFIED]), counter]);
      const clientDataJSON = clientData('webauthn.get', options.challenge);
      const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), key.privateKey);
      return JSON.stringify({
        id,
        rawId: id,
        type: 'public-key',
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: b64url(clientDataJSON),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          userHandle: key.userHandle,
        },
      });
    },
  };
}
