import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { start } from './session/session';
import './styles.css';

start();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
