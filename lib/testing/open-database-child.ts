/**
 * A Relabel process opening the embedded database of RELABEL_HOME, as `npm start` (exclusive) or
 * the CLI does, then holding it until killed (lib/db/database-owner.test.ts).
 *   node --import tsx lib/testing/open-database-child.ts exclusive|shared
 */
import { openDatabase } from "@/lib/db/local-database";

try {
  const database = await openDatabase({ exclusive: process.argv[2] === "exclusive" });
  console.log(JSON.stringify({ embedded: database.embedded }));
  setInterval(() => {}, 60_000);
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).message }));
  process.exit(1);
}
