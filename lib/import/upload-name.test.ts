import { describe, expect, it } from "vitest";
import { uploadFileName } from "@/lib/import/upload-name";

describe("uploadFileName", () => {
  it("decodes the browser's encoding and keeps a plain name", () => {
    expect(uploadFileName(encodeURIComponent("real scores.npz"))).toBe("real_scores.npz");
    expect(uploadFileName("multilabel.csv")).toBe("multilabel.csv");
  });

  it("refuses malformed encoding instead of throwing", () => {
    expect(uploadFileName("%E0%A4%A")).toBeNull();
    expect(uploadFileName("%")).toBeNull();
  });

  it("never leaves the upload folder nor makes hidden files", () => {
    expect(uploadFileName(encodeURIComponent("../../etc/passwd"))).toBe("passwd");
    expect(uploadFileName(encodeURIComponent("..\\..\\x.csv"))).toBe("x.csv");
    expect(uploadFileName(".auth-secret")).toBeNull();
    expect(uploadFileName("")).toBeNull();
    expect(uploadFileName(null)).toBeNull();
  });
});
