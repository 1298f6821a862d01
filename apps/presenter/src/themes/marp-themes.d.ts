// The module build/marp-themes.ts makes when the presenter is built: Marp Core's theme names (their CSS
// comes with the import).
declare module 'virtual:marp-themes' {
  export const MARP_THEMES: readonly string[];
}
