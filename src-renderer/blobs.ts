// Files in the renderer: File -> base64 for RPC methods that carry content in JSON, and
// base64 -> a download or a viewer tab. No Node here: FileReader, Blob and object URLs only.

/** A File as base64 (no data: prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('file read failed'));
    reader.readAsDataURL(file);
  });
}

export function base64ToBlob(data: string, mime: string): Blob {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Saves a blob under a file name (the browser's download, Electron's save dialog). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some engines; later is enough.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Opens a PDF in a new tab (the browser's viewer prints it). Electron denies new windows:
 * there, and wherever a popup is blocked, the file is saved instead.
 */
export function openBlob(blob: Blob, name: string): void {
  if (window.zhurnal) return downloadBlob(blob, name);
  const url = URL.createObjectURL(blob);
  const w = window.open(url, '_blank');
  if (!w) {
    URL.revokeObjectURL(url);
    return downloadBlob(blob, name);
  }
  w.opener = null;
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
}
