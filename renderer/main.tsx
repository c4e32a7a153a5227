import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Bridge } from '../db/contract';
import { bridgeTransport, httpTransport } from './api';
import { App } from './App';
import { createAppStore, StoreProvider } from './store';
import { applyTheme } from './theme';
import './styles.css';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser preview. */
    vrr?: Bridge;
  }
}

applyTheme();
const bridge = window.vrr;
// The preview serves the page under its secret path (/<secret>/index.html); the API is under the same path.
const appStore = createAppStore(bridge ? bridgeTransport(bridge) : httpTransport(location.pathname.replace(/\/[^/]*$/, '')));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider value={appStore}>
      <App commands={bridge?.commands ?? null} />
    </StoreProvider>
  </StrictMode>,
);
