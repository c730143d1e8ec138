// Browser script: render GraphiQL against this gateway. Served as-is (not compiled).
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      defaultQuery:
        '# Employer Contacts Gateway\n' +
        '{\n  organization(code: "42061") {\n    displayName\n    contacts(page: 1, pageSize: 10) {\n' +
        '      totalCount pageCount\n      items { fullName status primaryEmail contactTypes selfService { status } }\n    }\n  }\n}\n',
    }),
  );
})();
