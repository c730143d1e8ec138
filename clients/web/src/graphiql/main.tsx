import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import './graphiql-page.css';
import { createRoot } from 'react-dom/client';
import { EXAMPLE_TABS } from './example-tabs';

// The gateway's GraphiQL page (GET /graphql in a browser), built with the web app so both run on
// one React. Headers are not kept between visits: a pasted token must not outlive the tab.
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

// GraphiQL opens the first tab's query but not its variables: those are given as well.
createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultEditorToolsVisibility
    shouldPersistHeaders={false}
    defaultTabs={EXAMPLE_TABS}
    variables={EXAMPLE_TABS[0].variables}
  />,
);
