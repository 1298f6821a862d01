// The modules build/marp-themes.ts makes when the presenter is built: Marp Core's theme names, and
// their CSS.
declare module 'virtual:marp-themes' {
  export const MARP_THEMES: readonly string[];
}
declare module 'virtual:marp-themes.css';
