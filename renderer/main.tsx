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
const appStore = createAppStore(bridge ? bridgeTransport(bridge) : httpTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider value={appStore}>
      <App commands={bridge?.commands ?? null} />
    </StoreProvider>
  </StrictMode>,
);
