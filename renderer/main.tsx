import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createActions } from './state/actions';
import './styles.css';

const actions = createActions();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App actions={actions} />
  </StrictMode>,
);
