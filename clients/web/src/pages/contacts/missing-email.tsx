import { useState } from 'react';
import { explain } from '../../api/api-error';
import { saveFile } from '../../api/download';
import { request } from '../../api/graphql-client';
import { ErrorMessage } from '../../components/messages';
import { ContactsMissingEmailDocument, type MissingEmailFragment } from '../../graphql/generated';
import { ContactLink } from './contact-link';

const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The mass email upload's file, filled in for the contacts it exists for: one line per active
 * contact without an email, named by id (which the upload needs), with the name and job title
 * beside it to fill the email in; the upload reads the "contact" and "email" columns only.
 */
export function missingEmailCsv(contacts: MissingEmailFragment[]): string {
  const lines = contacts.map((c) => [c.id, '', c.fullName, c.jobTitle ?? ''].map(cell).join(','));
  return ['contact,email,name,job title', ...lines].join('\r\n') + '\r\n';
}

async function everyContactMissingEmail(code: string): Promise<MissingEmailFragment[]> {
  const all: MissingEmailFragment[] = [];
  for (let page = 1; ; page++) {
    const answer = (await request(ContactsMissingEmailDocument, { code, page })).organization?.contactsMissingEmail;
    all.push(...(answer?.items ?? []));
    if (!answer || page >= answer.pageCount) return all;
  }
}

/** "Download the list as a CSV file": the upload's template, one line per contact without an email. */
export function MissingEmailTemplate({ code }: { code: string }) {
  const [failure, setFailure] = useState<unknown>(null);
  async function download() {
    setFailure(null);
    try {
      const csv = missingEmailCsv(await everyContactMissingEmail(code));
      saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `contacts-without-email-${code}.csv`);
    } catch (error) {
      setFailure(error);
    }
  }
  return (
    <>
      {failure !== null && <ErrorMessage>{explain(failure)}</ErrorMessage>}
      <p>
        <button type="button" className="button button-secondary" onClick={() => void download()}>
          Download them as a CSV file for the upload
        </button>
      </p>
    </>
  );
}

/** Each contact without an email, a link that opens it, told apart from a namesake by job title and id. */
export function MissingEmailList({
  code,
  contacts,
  onOpen,
}: {
  code: string;
  contacts: MissingEmailFragment[];
  onOpen: (contactId: string) => void;
}) {
  return (
    <ul className="missing-email">
      {contacts.map((c) => (
        <li key={c.id}>
          <ContactLink code={code} contactId={c.id} onOpen={onOpen}>
            {c.fullName}
          </ContactLink>
          {c.jobTitle ? `, ${c.jobTitle}` : ''} <span className="hint contact-id">(id {c.id})</span>
        </li>
      ))}
    </ul>
  );
}
