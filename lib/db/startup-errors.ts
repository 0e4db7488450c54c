import { ExpectedError } from "@/lib/errors";

/**
 * The embedded database could not start for a reason the person starting Relabel can fix. Its
 * message is one sentence that says what to do; start, the CLI and the test runner print only it.
 */
export class DatabaseStartupError extends ExpectedError {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseStartupError";
  }
}

const NO_SPACE = /No space left on device|ENOSPC|could not extend file/i;
const PORT_IN_USE = /Address already in use|Is another postmaster already running on port/i;
const OTHER_VERSION = /initialized by PostgreSQL version (\d+)/i;

/**
 * Turns what PostgreSQL printed (initdb or the server) into a sentence, when it is a failure we
 * recognise; null otherwise, so the caller shows the log tail instead of guessing.
 */
export function explainPostgresOutput(output: string, where: { dataDir: string; port: number }): string | null {
  if (NO_SPACE.test(output)) return noSpaceSentence(where.dataDir);
  const otherVersion = OTHER_VERSION.exec(output);
  if (otherVersion) return otherVersionSentence(where.dataDir, otherVersion[1] ?? "another version");
  if (PORT_IN_USE.test(output)) {
    return `Port ${where.port} is already in use, so the embedded PostgreSQL cannot listen on it; stop the program using it and start again.`;
  }
  return null;
}

/** A file-system failure (copying the binaries, making the data folder) as a sentence, when it is one we recognise. */
export function explainFileSystemError(error: unknown, folder: string): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOSPC") return noSpaceSentence(folder);
  if (code === "EROFS") return `${folder} is on a read-only file system; set RELABEL_HOME to a writable folder or set DATABASE_URL to an existing PostgreSQL server.`;
  if (code === "EACCES" || code === "EPERM") {
    return `Relabel may not write to ${folder}; give your user write access to it, set RELABEL_HOME to a folder you own, or set DATABASE_URL to an existing PostgreSQL server.`;
  }
  return null;
}

export function otherVersionSentence(dataDir: string, foundMajor: string, ourMajor?: string): string {
  const ours = ourMajor ? `PostgreSQL ${ourMajor}` : "this version of PostgreSQL";
  return (
    `The database folder ${dataDir} was made by PostgreSQL ${foundMajor} and cannot be opened by ${ours}; ` +
    `move that folder away (after dumping it with PostgreSQL ${foundMajor} if you need its data) and start again.`
  );
}

export function missingPostgresUserSentence(): string {
  return (
    "PostgreSQL refuses to run as root and there is no `postgres` user to run it as, and none could be created; " +
    "create one (`useradd --system --user-group postgres`), run Relabel as an ordinary user, or set DATABASE_URL to an existing PostgreSQL server."
  );
}

export function portInUseSentence(port: number): string {
  return `Port ${port} is already in use; stop the program using it, or start Relabel on another port (for example PORT=${port + 1} npm start).`;
}

function noSpaceSentence(folder: string): string {
  return `There is no space left on the disk that holds ${folder}; free some space (or set RELABEL_HOME to a folder on another disk) and start again.`;
}
