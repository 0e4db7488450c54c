import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LiteralSyntaxError, parsePythonLiteral } from "./python-literal";

describe("parsePythonLiteral", () => {
  it("reads dict reprs with single quotes, tuples, booleans and None", () => {
    expect(parsePythonLiteral("{'given': 5, 'guessed': 0, 'neither': 0, 'both': 0}")).toEqual({ given: 5, guessed: 0, neither: 0, both: 0 });
    expect(parsePythonLiteral("{'descr': '<u2', 'fortran_order': False, 'shape': (50000,), }")).toEqual({ descr: "<u2", fortran_order: false, shape: [50000] });
    expect(parsePythonLiteral("[1, -2.5, None, True, ()]")).toEqual([1, -2.5, null, true, []]);
  });

  it("decodes escapes the way Python does, unknown escapes kept verbatim", () => {
    expect(parsePythonLiteral(String.raw`'a\'b\\c\n\x41\u00e9\U0001F600\d'`)).toBe("a'b\\c\nAé\u{1F600}\\d");
  });

  it("treats a __proto__ key as data", () => {
    const value = parsePythonLiteral("{'__proto__': 1}") as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBeNull();
  });

  it("rejects what it does not evaluate: names, calls, implicit concatenation, repeated keys", () => {
    for (const source of ["os.system('x')", "{'a': 1, 'a': 2}", "'a' 'b'", "[1 2]", "{'a' 1}", "'''doc'''", "b'bytes'", "[1,", "{'a': }"]) {
      expect(() => parsePythonLiteral(source), source).toThrow(LiteralSyntaxError);
    }
  });

  it("on any input either parses or throws LiteralSyntaxError, with an offset inside the text", () => {
    const alphabet = fc.constantFrom("{", "}", "[", "]", "(", ")", "'", '"', ",", ":", "\\", "x", "1", "-", ".", "e", " ", "\n", "#", "True", "None", "u");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join("")), (source) => {
        try {
          parsePythonLiteral(source);
        } catch (error) {
          if (!(error instanceof LiteralSyntaxError)) throw error;
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(source.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
