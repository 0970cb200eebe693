import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findApi } from './api.js';
import { App } from './app.js';
import { createI18n, initialLanguage } from './i18n.js';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
createRoot(container).render(
  <StrictMode>
    <App api={findApi()} i18n={createI18n(initialLanguage())} />
  </StrictMode>,
);
