/** A word a POSIX shell reads back unchanged: printed rerun and replay lines work when pasted. */
export function shellWord(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
