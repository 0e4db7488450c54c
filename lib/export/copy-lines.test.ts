import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { copyLines, unescapeCopyText } from "@/lib/export/copy-lines";
import { encodeValue } from "@/lib/import/load/copy";

async function collect(chunks: Buffer[]): Promise<string[]> {
  const rows: string[] = [];
  for await (const line of Readable.from(chunks).pipe(copyLines())) rows.push(line as string);
  return rows;
}

describe("COPY text rows", () => {
  it("undoes COPY's escaping of backslashes, tabs and line breaks (the inverse of the import's encoder)", () => {
    for (const text of ['{"notes":"a\\nb"}', "tab\there", "cr\rlf\n", "back\\slash", "plain"]) {
      expect(unescapeCopyText(encodeValue(text))).toBe(text);
    }
  });

  it("splits rows across chunk boundaries, also inside a multi-byte character", async () => {
    const bytes = Buffer.from("première\\tligne\nzweite Zeile ü\n", "utf8");
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(await collect(chunks)).toEqual(["première\tligne", "zweite Zeile ü"]);
  });
});
