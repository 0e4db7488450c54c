import { describe, expect, it } from "vitest";
import { SeenKeys } from "./seen-keys";

describe("SeenKeys", () => {
  it("answers the first line of a repeated key and remembers nothing new for it", () => {
    const seen = new SeenKeys();
    expect(seen.add("n01440764_10026.JPEG", 2)).toBeUndefined();
    expect(seen.add("ILSVRC2012_val_00000001.JPEG", 3)).toBeUndefined();
    expect(seen.add("n01440764_10026.JPEG", 9)).toBe(2);
    expect(seen.lineOf("n01440764_10026.JPEG")).toBe(2);
    expect(seen.lineOf("n01440764_1002.JPEG")).toBeUndefined();
  });

  it("tells keys apart that share a prefix, differ in length or only beyond Latin-1, the escape byte included", () => {
    const seen = new SeenKeys();
    const keys = ["", "a", "ab", "a\u00ff", "a\u00fe", "a\u0100", "a\u01ff", "a\uffff", "\u00ff\u0001\u0000", "猫.jpg", "猫.jpeg", "😺.png"];
    keys.forEach((key, line) => expect(seen.add(key, line)).toBeUndefined());
    keys.forEach((key, line) => expect(seen.lineOf(key)).toBe(line));
    expect(seen.lineOf("a\u00ff\u0001")).toBeUndefined();
  });

  it("never takes a prefix of a stored key for that key, however crowded the table", () => {
    const seen = new SeenKeys();
    // Each of k1 … k399 begins some of these 4,000 keys (k1 begins k1x, k10x … k1999x), so probes for them cross such keys.
    for (let n = 0; n < 4000; n++) seen.add(`k${n}x`, n);
    for (let n = 0; n < 400; n++) expect(seen.lineOf(`k${n}`)).toBeUndefined();
  });

  it("keeps every key through the table's growth: 300,000 ImageNet-style names, each found again at its line", () => {
    const seen = new SeenKeys();
    const name = (n: number) => `n${String(1440764 + (n % 1000)).padStart(8, "0")}_${n}.JPEG`;
    for (let n = 0; n < 300_000; n++) expect(seen.add(name(n), n + 1)).toBeUndefined();
    for (let n = 0; n < 300_000; n += 7) expect(seen.lineOf(name(n))).toBe(n + 1);
    expect(seen.add(name(123_456), 0)).toBe(123_457);
    expect(seen.lineOf(`${name(5)}x`)).toBeUndefined();
  });
});
