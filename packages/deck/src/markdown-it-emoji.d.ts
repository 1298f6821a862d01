// markdown-it-emoji ships its shortcode table as plain ES modules without types.
declare module 'markdown-it-emoji/lib/data/full.mjs' {
  const emojies: Record<string, string>;
  export default emojies;
}
