import { importRoots, resolveImportPath } from "@/lib/import/allowed-paths";
import { findImportKind, type ImportKind, type ImportOptions } from "@/lib/import/kinds";
import { IMPORT_PATH_OPTIONS, type ImportRequest } from "@/lib/validation/import";

export interface CheckedImport {
  kind: ImportKind;
  /** The real path inside an import root (or, for images, a validated URL template). */
  path: string;
  /** With every path-valued option replaced by its real path inside an import root. */
  options: ImportOptions;
}

/**
 * What an import from the web may read: the main path and every path-valued option, each
 * resolved to its real path (symbolic links followed) and required to lie inside an import
 * root. Only an images import with urlTemplate names no file, and its template is validated
 * by the schema. Everything the web asks for goes through here.
 */
export function checkImportRequest(request: ImportRequest, roots: string[] = importRoots()): CheckedImport {
  const kind = findImportKind(request.kind);
  // The schema and the registry list the same kinds (a test keeps them in step).
  if (!kind) throw new Error(`Import kind ${request.kind} has no runner`);
  const options: ImportOptions = { ...request.options };
  const urlTemplate = request.kind === "images" && request.options.urlTemplate === true;
  const path = urlTemplate ? request.path : resolveImportPath(request.path, roots);
  for (const key of (IMPORT_PATH_OPTIONS[request.kind] ?? []) as string[]) {
    const value = options[key];
    if (typeof value === "string") options[key] = resolveImportPath(value, roots);
  }
  return { kind, path, options };
}
