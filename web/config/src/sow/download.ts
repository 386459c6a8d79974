/**
 * Saves a Blob under a file name. The API needs the bearer token, so a plain link cannot download a
 * stored SOW: the page fetches the bytes and hands them to the browser through an object URL.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the URL by the next task; revoking later still frees the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
