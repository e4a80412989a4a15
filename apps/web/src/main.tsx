import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { prefetchModels } from './models/use-models';
import { registerServiceWorker } from './offline/register-service-worker';
import { preloadBrowserRuntime } from './recognition/use-recognition';
import { loadSettings } from './settings/settings';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/camera.css';
import './styles/projects.css';

// Start the network work the first prediction waits for before React renders anything.
prefetchModels();
if (loadSettings().recognitionSite === 'browser') preloadBrowserRuntime(loadSettings().backend);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
