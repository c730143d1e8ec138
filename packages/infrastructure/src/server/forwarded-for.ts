import { appErrorBody } from '@ecg/policy';
import type { RequestHandler } from 'express';
import { isIpAddress } from '../rate-limit/client-address';

/**
 * The client address comes from `X-Forwarded-For` when a trusted proxy sent the request (express's
 * `trust proxy`), and express takes the entry as it is: "evil", "<script>" or a name would become
 * the address every log line, security event and rate-limit bucket records, and each new text a
 * fresh bucket. A proxy that forwards what is not an IP address is misconfigured or passing on a
 * client's header: the request is refused, naming the header, rather than counted under a
 * made-up address. Express already refuses to trust a non-IP hop, so the client address it
 * settles on is the only entry to check.
 */
export function forwardedForGuard(): RequestHandler {
  return (req, res, next) => {
    const address = req.ip;
    if (address === undefined || isIpAddress(address)) return next();
    res.status(400).json(
      appErrorBody('INVALID_X_FORWARDED_FOR', 'X-Forwarded-For must list IP addresses only.', {
        invalidFields: [{ field: 'X-Forwarded-For', message: 'must list IP addresses only' }],
      }),
    );
  };
}
