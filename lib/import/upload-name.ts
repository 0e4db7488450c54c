/**
 * The file name of an upload from its `x-file-name` header (URI-encoded by the browser): the
 * last path segment, with anything but letters, digits, dot, dash and underscore replaced.
 * Null when the header is missing, not valid URI encoding, or names no usable file (empty, hidden).
 */
export function uploadFileName(header: string | null): string | null {
  if (!header) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    return null;
  }
  const name = (decoded.split(/[\\/]/).pop() ?? "").replace(/[^\w.\-]/g, "_").slice(0, 200);
  if (!name || name.startsWith(".")) return null;
  return name;
}
