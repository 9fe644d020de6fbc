import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getBridge } from './platform/bridge';
import { createActions } from './state/actions';
import './styles.css';

const bridge = getBridge();
const actions = createActions(bridge.api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={bridge} actions={actions} />
  </StrictMode>,
);
