import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clusterPassword, passwordFileOf } from "@/lib/db/local-database";

describe("clusterPassword", () => {
  const home = () => mkdtempSync(path.join(tmpdir(), "relabel-home-"));

  it("is generated once per installation, kept owner-only, and differs between installations", () => {
    const first = path.join(home(), "postgres");
    const { password, legacy } = clusterPassword(first);
    expect(legacy).toBe(false);
    expect(password).not.toBe("relabel");
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(clusterPassword(first).password).toBe(password);
    expect(statSync(passwordFileOf(first)).mode & 0o077).toBe(0);
    expect(clusterPassword(path.join(home(), "postgres")).password).not.toBe(password);
  });

  it("recognizes a cluster made with the old constant password, so it can be rotated", () => {
    const dataDir = path.join(home(), "postgres");
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, "PG_VERSION"), "18");
    expect(clusterPassword(dataDir)).toEqual({ password: "relabel", legacy: true });
  });
});
