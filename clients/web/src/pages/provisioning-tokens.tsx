import { useId, useState, type FormEvent } from 'react';
import { explain } from '../api/api-error';
import { request } from '../api/graphql-client';
import { useQuery } from '../api/use-query';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorMessage, Notice } from '../components/messages';
import { StackedCell, StackedRow, StackedTable } from '../components/stacked-table';
import { TextField } from '../components/text-field';
import { when } from '../format';
import {
  CreateProvisioningTokenDocument,
  ProvisioningTokensDocument,
  RevokeProvisioningTokenDocument,
  type ProvisioningTokenRowFragment,
} from '../graphql/generated';

function TokenTable({
  tokens,
  onRevoke,
}: {
  tokens: ProvisioningTokenRowFragment[];
  onRevoke: (token: ProvisioningTokenRowFragment) => void;
}) {
  if (tokens.length === 0) return <p>No provisioning tokens yet.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Token list" tabIndex={0}>
      <StackedTable columns={['Label', 'Created by', 'Created', 'Last used', 'Status']} caption="Provisioning tokens">
        {tokens.map((t) => (
          <StackedRow key={t.id}>
            <StackedCell>{t.label}</StackedCell>
            <StackedCell label="Created by">{t.createdBy}</StackedCell>
            <StackedCell label="Created">{when(t.createdAt)}</StackedCell>
            <StackedCell label="Last used">{when(t.lastUsedAt)}</StackedCell>
            <StackedCell label="Status">
              {t.revokedAt ? (
                `Revoked ${when(t.revokedAt)}`
              ) : (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Revoke ${t.label}`}
                  onClick={() => onRevoke(t)}
                >
                  Revoke
                </button>
              )}
            </StackedCell>
          </StackedRow>
        ))}
      </StackedTable>
    </div>
  );
}

/**
 * Provisioning from HR (SCIM 2.0): the tokens an organization's directory (Entra ID, Okta) keeps
 * its contacts in step with. A new token is shown once, here, and never again.
 */
export function ProvisioningTokens({ code, organizationId }: { code: string; organizationId: string }) {
  const id = useId();
  const [refresh, setRefresh] = useState(0);
  const tokens = useQuery(ProvisioningTokensDocument, { code }, refresh);
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState<string[]>([]);
  const [created, setCreated] = useState<{ label: string; token: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<ProvisioningTokenRowFragment | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!label.trim()) return setLabelError(['Enter a label, such as the name of your directory.']);
    setLabelError([]);
    try {
      const made = await request(CreateProvisioningTokenDocument, { organizationId, label: label.trim() });
      setCreated({ label: label.trim(), token: made.createProvisioningToken.token });
      setLabel('');
      setRefresh((n) => n + 1);
    } catch (error) {
      setFailure(error);
    }
  }

  async function revoke(tokenId: string) {
    setRevoking(null);
    setFailure(null);
    try {
      await request(RevokeProvisioningTokenDocument, { id: tokenId });
      setRefresh((n) => n + 1);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <section className="panel provisioning" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Provisioning (SCIM)</h2>
      <p>
        Your HR or directory system (Entra ID, Okta) can keep your contacts in step through SCIM 2.0 at{' '}
        <code>{`${window.location.origin}/scim/v2`}</code>, with a provisioning token made here.
      </p>
      {failure !== null && <ErrorMessage>{explain(failure)}</ErrorMessage>}
      {created && (
        <Notice title={`Token "${created.label}" created`}>
          <p>Copy it into your directory now: it is shown only this once.</p>
          <TextField label="Provisioning token" value={created.token} readOnly onFocus={(e) => e.target.select()} />
        </Notice>
      )}
      <form onSubmit={create} noValidate>
        <TextField
          label="Token label"
          hint="Who will use it, for example: Entra ID production."
          maxLength={100}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          errors={labelError}
        />
        <div className="actions">
          <button type="submit" className="button">
            Create token
          </button>
        </div>
      </form>
      {tokens.status === 'failed' && <ErrorMessage>{explain(tokens.error)}</ErrorMessage>}
      {tokens.status === 'done' && (
        <TokenTable tokens={tokens.data.organization?.provisioningTokens ?? []} onRevoke={setRevoking} />
      )}
      {revoking && (
        <ConfirmDialog
          question={`Revoke the token "${revoking.label}"?`}
          detail="The directory using it is refused from now on; a new token must be made and copied into it."
          confirm="Revoke"
          onConfirm={() => void revoke(revoking.id)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
