import { describe, expect, it } from "vitest";
import { explainFileSystemError, explainPostgresOutput } from "@/lib/db/startup-errors";

const where = { dataDir: "/srv/relabel/.relabel/postgres", port: 5544 };

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something`), { code });
}

describe("explainPostgresOutput", () => {
  it("names the port when the server cannot bind it", () => {
    const output = 'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nHINT:  Is another postmaster already running on port 5544?';
    const sentence = explainPostgresOutput(output, where);
    expect(sentence).toContain("Port 5544 is already in use");
    expect(sentence).toMatch(/stop the program using it/);
  });

  it("tells a cluster made by another major version to be moved away, naming both versions' folder", () => {
    const output =
      'FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 17, which is not compatible with this version 18.4.';
    const sentence = explainPostgresOutput(output, where);
    expect(sentence).toContain("made by PostgreSQL 17");
    expect(sentence).toContain(where.dataDir);
    expect(sentence).toMatch(/move that folder away/);
  });

  it("asks for disk space when initdb or the server runs out of it", () => {
    const output = 'initdb: error: could not write file "/srv/relabel/.relabel/postgres/base/1/1259": No space left on device';
    expect(explainPostgresOutput(output, where)).toMatch(/^There is no space left on the disk that holds \/srv\/relabel/);
  });

  it("prefers the disk-space sentence when a full disk also breaks the start-up", () => {
    const output = "FATAL:  could not write lock file \"postmaster.pid\": No space left on device\nHINT:  Is another postmaster already running on port 5544?";
    expect(explainPostgresOutput(output, where)).toMatch(/no space left/);
  });

  it("returns null for output it does not recognise, so the caller shows the log instead of guessing", () => {
    expect(explainPostgresOutput("FATAL:  could not load library \"libicuuc.so.60\"", where)).toBeNull();
    expect(explainPostgresOutput("", where)).toBeNull();
  });

  it("answers in one sentence", () => {
    const sentence = explainPostgresOutput("Address already in use", where) ?? "";
    expect(sentence.split(/[.!?](\s|$)/).filter((part) => part.trim()).length).toBe(1);
    expect(sentence).not.toContain("\n");
  });
});

describe("explainFileSystemError", () => {
  it.each([
    ["ENOSPC", /no space left on the disk that holds \/var\/lib\/relabel/],
    ["EROFS", /read-only file system/],
    ["EACCES", /may not write to \/var\/lib\/relabel/],
    ["EPERM", /may not write to \/var\/lib\/relabel/],
  ])("explains %s", (code, expected) => {
    expect(explainFileSystemError(errnoError(code), "/var/lib/relabel")).toMatch(expected);
  });

  it("returns null for errors that are not about the folder, and for non-errors", () => {
    expect(explainFileSystemError(errnoError("ENOENT"), "/var/lib/relabel")).toBeNull();
    expect(explainFileSystemError(new Error("boom"), "/var/lib/relabel")).toBeNull();
    expect(explainFileSystemError(undefined, "/var/lib/relabel")).toBeNull();
  });
});
