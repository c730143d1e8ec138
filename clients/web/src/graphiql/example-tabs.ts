// GraphiQL's opening tabs: the everyday tasks, in the order staff do them. Paste the accessToken
// from "1. Sign in" into the Headers editor of the others.
const HEADERS = '{\n  "Authorization": "Bearer <paste accessToken here>"\n}';

const SIGN_IN = `# 1. Sign in. With demonstration data, staff is staff@demo.example / demo-staff-password.
# Copy accessToken into Headers below: { "Authorization": "Bearer <accessToken>" }
mutation SignIn($userName: String!, $password: String!) {
  login(userName: $userName, password: $password) {
    accessToken refreshToken expiresIn passwordChangeRequired
  }
}
`;

const CONTACTS = `# 2. An organization's contacts and their Self Service panels.
query Contacts($code: String!, $page: Int!) {
  organization(code: $code) {
    displayName administratorCount warnings
    contacts(page: $page, pageSize: 10) {
      totalCount pageCount
      items {
        id version fullName status primaryEmail contactTypes
        selfServiceActions
        selfService { status userName essId enrollmentCompleted lastSuccessfulLogin totalUnsuccessfulAttempts availableActions }
      }
    }
  }
}
`;

const BUTTONS = `# 3. The Self Service buttons (Administrators; re-enroll and unlock also password-reset-only).
mutation Register($contactId: ID!) { register(contactId: $contactId) { status userName temporaryPasswordExpiresAt } }
mutation ReEnroll($contactId: ID!) { reEnroll(contactId: $contactId) { status reenrolled } }
mutation Unlock($contactId: ID!) { unlock(contactId: $contactId) { status } }
`;

const ME = `# Who am I, and what may I do?
query Me {
  me { kind contactTypes organization { displayName } capabilities { function name level } }
}
`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const EXAMPLE_TABS = [
  { query: SIGN_IN, variables: json({ userName: 'staff@demo.example', password: 'demo-staff-password' }) },
  { query: CONTACTS, variables: json({ code: '42061', page: 1 }), headers: HEADERS },
  { query: BUTTONS, variables: json({ contactId: '<id from Contacts>' }), headers: HEADERS },
  { query: ME, headers: HEADERS },
];
