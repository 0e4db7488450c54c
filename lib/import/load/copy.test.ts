import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANALYZE_FROM_ROWS, copyRows, encodeValue } from "@/lib/import/load/copy";

describe("encodeValue", () => {
  it("escapes the characters COPY's text format reserves", () => {
    expect(encodeValue("a\tb\nc\\d\re")).toBe("a\\tb\\nc\\\\d\\re");
    expect(encodeValue(null)).toBe("\\N");
    expect(encodeValue([3, 1])).toBe("{3,1}");
    expect(encodeValue(['say "hi"', "a,b"])).toBe('{"say \\\\"hi\\\\"","a,b"}');
  });

  it("refuses numbers PostgreSQL cannot store", () => {
    expect(() => encodeValue(Number.NaN)).toThrow();
  });
});

describe("copyRows", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(async () => {
    await client.connect();
    await client.query("CREATE TEMP TABLE t (n int, s text, a int[], l text[], j jsonb, b boolean)");
  });
  afterAll(() => client.end());

  it("round-trips awkward values exactly", async () => {
    const rows = [
      [1, "tab\there, newline\nthere, back\\slash", [5, 0, 999], ["domestic ferret", 'quote " and , comma', "{brace}"], { k: "v\n" }, true],
      [2, null, [], [], null, false],
    ] as const;
    await copyRows(client, "t", ["n", "s", "a", "l", "j", "b"], rows);
    const { rows: stored } = await client.query("SELECT n, s, a, l, j, b FROM t ORDER BY n");
    expect(stored).toEqual([
      { n: 1, s: rows[0][1], a: [5, 0, 999], l: rows[0][3], j: { k: "v\n" }, b: true },
      { n: 2, s: null, a: [], l: [], j: null, b: false },
    ]);
  });

  it("streams many rows", async () => {
    await client.query("TRUNCATE t");
    const many = Array.from({ length: 20_000 }, (_, i) => [i, `row ${i}`, [i % 1000], [], null, i % 2 === 0] as const);
    await copyRows(client, "t", ["n", "s", "a", "l", "j", "b"], many);
    const { rows } = await client.query("SELECT count(*)::int AS count, sum(n)::bigint AS total FROM t");
    expect(rows[0]).toEqual({ count: 20_000, total: String((19_999 * 20_000) / 2) });
  });

  it("gives the planner statistics after a COPY that at least doubles a table, leaving smaller ones to autovacuum", async () => {
    await client.query("CREATE TEMP TABLE sized (n int)");
    const analysedRows = async () => (await client.query<{ rows: number }>("SELECT reltuples AS rows FROM pg_class WHERE oid = 'sized'::regclass")).rows[0]!.rows;
    const copy = (count: number) => copyRows(client, "sized", ["n"], Array.from({ length: count }, (_, i) => [i]));
    await copy(10);
    expect(await analysedRows()).toBe(-1); // never analysed
    await copy(ANALYZE_FROM_ROWS);
    expect(await analysedRows()).toBe(ANALYZE_FROM_ROWS + 10);
    await copy(ANALYZE_FROM_ROWS); // less than the 1010 rows analysed
    expect(await analysedRows()).toBe(ANALYZE_FROM_ROWS + 10);
    await copy(2 * ANALYZE_FROM_ROWS);
    expect(await analysedRows()).toBe(4 * ANALYZE_FROM_ROWS + 10);
  });
});
