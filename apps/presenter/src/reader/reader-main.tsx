// The offline reader's entry: the presenter app built with the recording source (vite.reader.config.ts).
// Served over http(s) from a site that has a service worker, it registers it, so the course keeps
// working offline after the first visit and updates when the site changes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../App';
import '../styles.css';
import './reader.css';

registerServiceWorker();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

function registerServiceWorker(): void {
  // From file:// (or a single file) there is nothing to cache for: the files are already here.
  const worker = document.querySelector<HTMLMetaElement>('meta[name="deckhand-service-worker"]')?.content;
  if (!worker || !window.location.protocol.startsWith('http') || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(worker).catch((error: unknown) => {
      console.warn('Deckhand: the offline copy could not be set up:', error);
    });
  });
}
