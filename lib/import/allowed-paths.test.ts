import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/import/import-error";
import { resolveImportPath } from "@/lib/import/allowed-paths";

describe("resolveImportPath", () => {
  const base = mkdtempSync(path.join(tmpdir(), "relabel-roots-"));
  const root = path.join(base, "allowed");
  mkdirSync(root);
  writeFileSync(path.join(root, "real.json"), "[]");
  writeFileSync(path.join(base, "secret.txt"), "no");
  symlinkSync(path.join(base, "secret.txt"), path.join(root, "link.txt"));

  it("accepts files inside a root", () => {
    expect(resolveImportPath(path.join(root, "real.json"), [root])).toBe(path.join(root, "real.json"));
  });

  it("refuses traversal, links that lead outside, and missing files", () => {
    expect(() => resolveImportPath(path.join(root, "..", "secret.txt"), [root])).toThrow(ImportError);
    expect(() => resolveImportPath(path.join(root, "link.txt"), [root])).toThrow(/No such file or folder in the folders imports may read from/);
    expect(() => resolveImportPath(path.join(root, "nope.json"), [root])).toThrow(/No such file or folder in the folders imports may read from/);
  });
});
