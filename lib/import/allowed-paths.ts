import { realpathSync } from "node:fs";
import path from "node:path";
import { relabelHome } from "@/lib/db/local-database";
import { ImportError } from "@/lib/import/import-error";

/**
 * Folders an admin may import from through the web UI (the CLI runs with the user's own file
 * permissions and is not limited): the demo bundle, the upload folder, and RELABEL_IMPORT_ROOTS
 * (a list separated by the platform's path delimiter, ":" on Linux).
 */
export function importRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = (env.RELABEL_IMPORT_ROOTS ?? "").split(path.delimiter).filter(Boolean);
  return [path.resolve("prisma/demo"), uploadsFolder(), ...configured.map((root) => path.resolve(root))];
}

export function uploadsFolder(): string {
  return path.join(relabelHome(), "uploads");
}

/**
 * A file as the admin knows it: an upload by the name it was uploaded under (the upload route
 * stores it as uploads/<random folder>/<name>), any other path as given.
 */
export function shownImportPath(file: string): string {
  const [folder, ...name] = path.relative(uploadsFolder(), file).split(path.sep);
  return folder && folder !== ".." && !path.isAbsolute(folder) && name.length > 0 ? name.join("/") : file;
}

/**
 * The real path of `requested` if it lies inside an import root; symbolic links cannot lead
 * outside. A missing path and a forbidden one get the same answer, so the web form cannot be used
 * to probe which files exist on the server.
 */
export function resolveImportPath(requested: string, roots: string[] = importRoots()): string {
  const refuse = () =>
    new ImportError(requested, null, `No such file or folder in the folders imports may read from (${roots.join(", ")}); set RELABEL_IMPORT_ROOTS to allow more.`);
  let real: string;
  try {
    real = realpathSync(path.resolve(requested));
  } catch {
    throw refuse();
  }
  const inside = roots.some((root) => {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      return false;
    }
    return real === realRoot || real.startsWith(realRoot + path.sep);
  });
  if (!inside) throw refuse();
  return real;
}
