import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/import/import-error";
import { parseMultilabelCsv } from "@/lib/import/parsers/multilabel";
import { checkImportRequest } from "@/lib/import/request";
import { importRequestSchema } from "@/lib/validation/import";

/*
 * The attack of issue 13: a dry-run validation of `multilabel` pointed at the session-signing
 * secret, with `options.urlTemplate: true` to skip the folder check, answered with the secret in
 * its error text.
 */
const base = mkdtempSync(path.join(tmpdir(), "relabel-request-"));
const SECRET = "s3cr3t-session-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";
mkdirSync(path.join(base, ".relabel"));
writeFileSync(path.join(base, ".relabel", "auth-secret"), SECRET);
const root = path.join(base, "imports");
mkdirSync(root);
writeFileSync(path.join(root, "real.json"), "[]");
writeFileSync(path.join(root, "scores.npz"), "");
symlinkSync(path.join(base, ".relabel", "auth-secret"), path.join(root, "multilabel.csv"));
const roots = [root];

function parse(request: unknown) {
  return importRequestSchema.safeParse(request);
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("an import request from the web", () => {
  const secretPath = path.join(base, ".relabel", "auth-secret");

  it("refuses urlTemplate on any kind but images, and never reads the file", () => {
    const result = parse({ kind: "multilabel", path: secretPath, dataset: "imagenet-val", options: { urlTemplate: true } });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(SECRET.slice(0, 12));
  });

  it("refuses the secret by path, with the same answer as for a file that does not exist", () => {
    const request = parse({ kind: "multilabel", path: secretPath, dataset: "imagenet-val" });
    expect(request.success).toBe(true);
    const forbidden = refusal(() => checkImportRequest(request.data!, roots));
    expect(forbidden).not.toContain(SECRET.slice(0, 12));
    const missingPath = path.join(base, ".relabel", "no-such-file");
    const missing = refusal(() => checkImportRequest(parse({ kind: "multilabel", path: missingPath, dataset: "imagenet-val" }).data!, roots));
    expect(missing.replace(missingPath, "<path>")).toBe(forbidden.replace(secretPath, "<path>"));
  });

  it("refuses a symbolic link inside an allowed folder that points out of it", () => {
    const request = parse({ kind: "multilabel", path: path.join(root, "multilabel.csv"), dataset: "imagenet-val" }).data!;
    expect(refusal(() => checkImportRequest(request, roots))).toMatch(/No such file or folder in the folders imports may read from/);
  });

  it("checks --scores like the main path", () => {
    const outside = parse({ kind: "real", path: path.join(root, "real.json"), dataset: "imagenet-val", options: { scores: secretPath } }).data!;
    expect(() => checkImportRequest(outside, roots)).toThrow(ImportError);
    const inside = parse({ kind: "real", path: path.join(root, "real.json"), dataset: "imagenet-val", options: { scores: path.join(root, "scores.npz") } }).data!;
    expect(checkImportRequest(inside, roots).options.scores).toBe(path.join(root, "scores.npz"));
  });

  it("accepts a URL template only as an http(s) address with {file}", () => {
    const images = (template: string) => parse({ kind: "images", path: template, dataset: "imagenet-val", options: { urlTemplate: true } });
    expect(images("https://cdn.example.org/val/{file}").success).toBe(true);
    expect(images("file:///etc/{file}").success).toBe(false);
    expect(images("https://cdn.example.org/val/").success).toBe(false);
    expect(images(secretPath).success).toBe(false);
    expect(checkImportRequest(images("https://cdn.example.org/val/{file}").data!, roots).path).toBe("https://cdn.example.org/val/{file}");
  });

  it("refuses options unknown to the kind, unknown kinds and NUL in a path", () => {
    expect(parse({ kind: "northcutt", path: "x", dataset: "d", options: { rule: "all" } }).success).toBe(false);
    expect(parse({ kind: "northcutt", path: "x", dataset: "d", options: { scores: "x" } }).success).toBe(false);
    expect(parse({ kind: "etc-passwd", path: "x", dataset: "d" }).success).toBe(false);
    expect(parse({ kind: "classes", path: "x\u0000", dataset: "d" }).success).toBe(false);
  });
});

describe("a file that is not in the expected format", () => {
  it("is quoted in a parse error by a short, escaped excerpt at most", () => {
    const message = refusal(() => parseMultilabelCsv(SECRET, "multilabel.csv"));
    expect(message).toMatch(/header must contain/);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(SECRET.slice(0, 30));
    expect(refusal(() => parseMultilabelCsv('a,"b\u001b[2J"\n', "x.csv"))).not.toContain("\u001b");
  });
});
