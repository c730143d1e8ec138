import { startFederation, type Federation } from './support/federation';

// ESR's "Find your system administrator": public, names only, rate limited.
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation('findadm');
});
afterAll(() => federation?.stop());

const FIND =
  'query ($o: String!) { findAdministrators(organization: $o) { organizationCode organizationName administrators } }';

it('names the active Administrators of an organization found by code, without a token', async () => {
  const { data, errors } = await federation.query(FIND, { o: '42061' });
  expect(errors).toBeUndefined();
  // Gisela Villa has no email and still counts; Kevin Contact is inactive and does not.
  expect(data.findAdministrators).toEqual([
    {
      organizationCode: '42061',
      organizationName: 'COUNTY OFFICE OF EDUCATION',
      administrators: [
        'Bruno Contact',
        'Coco Contact',
        'Contact Test',
        'Gilbert Contact',
        'Gisela Villa',
        'Jane Contact',
        'New Contact',
      ],
    },
  ]);
});

it('offers no way to ask for more than names', async () => {
  const probe = await federation.query('query { findAdministrators(organization: "42061") { organizationId } }');
  expect(probe.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('limits each client address, answering RATE_LIMITED with a retry time', async () => {
  // 20 in any sliding minute: 43 requests in a burst span at most two windows, so at most 40 get through.
  const limited = [];
  let answered = 0;
  for (let i = 0; i < 43; i++) {
    const { data, errors } = await federation.query(FIND, { o: 'county' });
    if (errors?.[0].extensions?.code === 'RATE_LIMITED') limited.push(errors[0]);
    else if (data?.findAdministrators) answered++;
  }
  expect(answered).toBeLessThanOrEqual(40);
  expect(answered + limited.length).toBe(43);
  expect(limited[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  // The first refusal comes with at most 21 hits in the current window (the refused one counts); when the
  // burst began at a window's start, they must fade in the next one too: 60 × (1 + 2/21) s at most.
  expect(limited[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(60 * (1 + 2 / 21)));
});
