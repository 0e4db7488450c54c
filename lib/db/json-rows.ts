import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The rows of `query` as one JSON array decoded with JSON.parse, in the query's order. For bulk
 * reads (a campaign's 150,000 decisions): the driver decodes rows of arrays one by one, several
 * times slower than PostgreSQL's json_agg and one JSON.parse. Column types must survive JSON:
 * numbers, text, arrays, booleans, null (cast timestamps to epoch milliseconds first).
 */
export async function queryJsonRows<T>(client: Pick<Db, "$queryRaw">, query: Prisma.Sql): Promise<T[]> {
  const [result] = await client.$queryRaw<{ rows: string }[]>`
    SELECT COALESCE(json_agg(q), '[]')::text AS rows FROM (${query}) AS q`;
  return JSON.parse(result!.rows) as T[];
}
