/// <reference types="vite/client" />

/** Changes on every build; keys the service worker's cache. */
declare const __BUILD_ID__: string;
