import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/import/import-error";
import { resolveImportPath, shownImportPath, uploadsFolder } from "@/lib/import/allowed-paths";

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

describe("shownImportPath", () => {
  it("names an upload by its own file name, and any other path as given", () => {
    expect(shownImportPath(path.join(uploadsFolder(), "0b5c9a1e-3f2d-4c8e-9a7b-1d2e3f4a5b6c", "real.json"))).toBe("real.json");
    expect(shownImportPath("/srv/imagenet/real/real.json")).toBe("/srv/imagenet/real/real.json");
    // The uploads folder itself, one of its folders, and a sibling that merely starts with its name are not uploads.
    expect(shownImportPath(uploadsFolder())).toBe(uploadsFolder());
    expect(shownImportPath(path.join(uploadsFolder(), "0b5c9a1e"))).toBe(path.join(uploadsFolder(), "0b5c9a1e"));
    expect(shownImportPath(`${uploadsFolder()}-old/x/real.json`)).toBe(`${uploadsFolder()}-old/x/real.json`);
  });
});
