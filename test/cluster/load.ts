import { TEST_STAFF } from '../support/federation';

/** How one request ended: accepted, refused as expected (a wrong password), or failed (5xx, no answer, an error no one expected). */
export type Outcome = 'ok' | 'refused' | 'failed';

export interface Sent {
  kind: string;
  start: number;
  end: number;
  outcome: Outcome;
  status: number;
  detail?: string;
}

export interface Answer {
  outcome: Outcome;
  data?: Record<string, any>;
}

/** The load's client: every request through HAProxy's gateway address, every outcome kept with its times. */
export function loadClient(url: string, expectedRefusals: string[] = ['UNAUTHENTICATED']) {
  const sent: Sent[] = [];
  let token: string | undefined;

  async function post(
    kind: string,
    query: string,
    variables: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const start = Date.now();
    let status = 0;
    let outcome: Outcome = 'failed';
    let detail: string | undefined;
    let body: { data?: Record<string, any>; errors?: { extensions?: { code?: string }; message: string }[] } = {};
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      body = (await response.json().catch(() => ({}))) as typeof body;
      const code = body.errors?.[0]?.extensions?.code;
      if (status < 500 && !body.errors) outcome = 'ok';
      else if (status < 500 && code && expectedRefusals.includes(code)) outcome = 'refused';
      else detail = `${status} ${code ?? ''} ${body.errors?.[0]?.message ?? ''}`.slice(0, 200);
    } catch (error) {
      detail = (error as Error).message;
    }
    sent.push({ kind, start, end: Date.now(), outcome, status, detail });
    return { outcome, data: outcome === 'ok' ? body.data : undefined };
  }

  /** As staff (one sign-in, kept; retried until the cluster answers). */
  async function asStaff(kind: string, query: string, variables: object): Promise<Answer> {
    if (!token) {
      const signed = await post(
        'staff sign-in',
        'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
        { u: TEST_STAFF.email, p: TEST_STAFF.password },
      );
      if (signed.outcome !== 'ok') return signed;
      token = signed.data!.login.accessToken as string;
    }
    return post(kind, query, variables, { authorization: `Bearer ${token}` });
  }

  return { sent, post, asStaff };
}

/** Intervals of faults (from the fault to the moment it is over, with a margin for HAProxy's health checks). */
export class Windows {
  readonly spans: { what: string; from: number; to: number }[] = [];

  async around<T>(what: string, marginMs: number, fault: () => Promise<T>): Promise<T> {
    const from = Date.now();
    const result = await fault();
    this.spans.push({ what, from, to: Date.now() + marginMs });
    return result;
  }

  covers(sent: Sent): boolean {
    return this.spans.some((s) => sent.end >= s.from && sent.start <= s.to);
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run `step` again and again until `stop()` says so, `gapMs` apart. */
export async function repeat(stop: () => boolean, gapMs: number, step: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; !stop(); i++) {
    await step(i);
    await pause(gapMs);
  }
}
