/**
 * Saves a text the app already holds as a file, through an object URL and an `<a download>`: nothing is fetched,
 * so the renderer's CSP (`default-src 'none'`, `connect-src 'self'`) has nothing to allow.
 */
export function saveTextFile(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by then; the URL is only needed until it has.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
