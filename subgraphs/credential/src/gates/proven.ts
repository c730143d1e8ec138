import type { Principal } from '@ecg/policy';

/** Who holds second factors: a person's login (its ESS ID) or a staff login (a negative holder number). */
export interface FactorHolder {
  essId: number;
  userName: string;
}

export type SecondFactorProof = { code: string } | { recoveryCode: string } | { passkey: string };

/** Which field a wrong proof names in its error. */
export const proofField = (proof: SecondFactorProof) =>
  'code' in proof ? 'code' : 'recoveryCode' in proof ? 'recoveryCode' : 'passkey';

const gateKey = Symbol('step-up gate');

/**
 * A fresh proof of a factor, as only the step-up gate makes one (it alone holds `provenBy`): every
 * change of how a login proves itself takes a `Proven` instead of a principal, so none can skip
 * the gate.
 */
export class Proven {
  constructor(
    key: symbol,
    readonly holder: FactorHolder,
    readonly principal: Principal,
    readonly clientAddress: string | undefined,
  ) {
    if (key !== gateKey) throw new Error('Only the step-up gate proves a factor');
  }
}

/** For the step-up gate only. */
export const provenBy = (holder: FactorHolder, principal: Principal, clientAddress: string | undefined) =>
  new Proven(gateKey, holder, principal, clientAddress);
