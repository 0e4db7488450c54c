import { createDb, type Db } from "../../lib/db";
import { APP_DATABASE, runningServerUrl } from "../../lib/db/local-database";
import { withDatabase } from "../../lib/db/embedded-postgres";
import { E2E_HOME } from "./environment";

let client: Db | undefined;

/** The e2e server's throwaway database, for arranging data with the same code the app uses. */
export function e2eDb(): Db {
  if (client) return client;
  const server = runningServerUrl(E2E_HOME);
  if (!server) throw new Error(`The e2e database under ${E2E_HOME} is not running; Playwright's webServer starts it.`);
  client = createDb(withDatabase(server, APP_DATABASE));
  return client;
}
