import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { request } from './api/graphql-client';
import { setDisplayTimeZone } from './format';
import { DisplayTimeZoneDocument } from './graphql/generated';
import { start } from './session/session';
import './styles.css';

start();
// Times are written in the server's zone: asked once, before anything shows a time (UTC if unanswered).
request(DisplayTimeZoneDocument, {})
  .then(({ displayTimeZone }) => setDisplayTimeZone(displayTimeZone))
  .catch(() => undefined)
  .finally(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
