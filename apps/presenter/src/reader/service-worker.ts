/// <reference lib="webworker" />
// The offline reader's service worker: Workbox precaches every file of the site on the first visit
// (the list, with a hash per file, is written in by `deckhand build`), answers from the cache from then
// on, and installs the new version when the site changes (a changed hash changes this file).
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
