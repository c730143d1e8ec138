// Browser script: render GraphiQL against this gateway, with example tabs for the everyday tasks.
// Served as-is (not compiled). Paste the accessToken from "1. Sign in" into the Headers editor.
(function () {
  var signIn =
    '# 1. Sign in. With demonstration data, staff is staff@demo.example / demo-staff-password.\n' +
    '# Copy accessToken into Headers below: { "Authorization": "Bearer <accessToken>" }\n' +
    'mutation SignIn($userName: String!, $password: String!) {\n  login(userName: $userName, password: $password) {\n    accessToken refreshToken expiresIn passwordChangeRequired\n  }\n}\n';
  var contacts =
    "# 2. An organization's contacts and their Self Service panels.\n" +
    'query Contacts($code: String!, $page: Int!) {\n  organization(code: $code) {\n    displayName administratorCount warnings\n' +
    '    contacts(page: $page, pageSize: 10) {\n      totalCount pageCount\n      items {\n        id version fullName status primaryEmail contactTypes\n' +
    '        selfServiceActions\n        selfService { status userName essId enrollmentCompleted lastSuccessfulLogin totalUnsuccessfulAttempts availableActions }\n      }\n    }\n  }\n}\n';
  var buttons =
    '# 3. The Self Service buttons (Administrators; re-enroll and unlock also password-reset-only).\n' +
    'mutation Register($contactId: ID!) { register(contactId: $contactId) { status userName temporaryPasswordExpiresAt } }\n' +
    'mutation ReEnroll($contactId: ID!) { reEnroll(contactId: $contactId) { status reenrolled } }\n' +
    'mutation Unlock($contactId: ID!) { unlock(contactId: $contactId) { status } }\n';
  var me =
    '# Who am I, and what may I do?\nquery Me {\n  me { kind contactTypes organization { displayName } capabilities { function name level } }\n}\n';
  var headers = '{\n  "Authorization": "Bearer <paste accessToken here>"\n}';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: '/graphql' }),
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      defaultTabs: [
        { query: signIn, variables: '{\n  "userName": "staff@demo.example",\n  "password": "demo-staff-password"\n}' },
        { query: contacts, variables: '{\n  "code": "42061",\n  "page": 1\n}', headers: headers },
        { query: buttons, variables: '{\n  "contactId": "<id from Contacts>"\n}', headers: headers },
        { query: me, headers: headers },
      ],
    }),
  );
})();
