/** Plain text of a post for excerpts and notification mail: quotes dropped, space collapsed. */
export function excerpt(source: string, max = 160): string {
  const text = source.replace(/^>.*$/gm, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
