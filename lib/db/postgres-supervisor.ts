import pg from "pg";

export interface SupervisedPostgres {
  url: string;
  /** Whether the server process is alive (its postmaster.pid names a running process). */
  alive(): boolean;
  /** Starts the server again on the same port and data folder, so every connection string stays valid. */
  restart(): Promise<void>;
}

interface Options {
  log: (line: string) => void;
  /** Called once when the server is down and cannot be started again. */
  onGiveUp: (reason: string) => void;
  intervalMs?: number;
  attempts?: number;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Watches the embedded PostgreSQL that `npm start` runs. When it has died (killed, out of memory)
 * it is started again on the same port; the app's connection pools drop their broken connections
 * and open new ones on the next query, so nothing else has to restart. A server that is alive but
 * slow to answer is left alone: only a dead process is restarted.
 */
export function supervisePostgres(server: SupervisedPostgres, options: Options): { stop(): void } {
  const attempts = options.attempts ?? 5;
  let busy = false;
  let done = false;
  const check = async () => {
    if (busy || done) return;
    busy = true;
    try {
      if (server.alive() || (await answers(server.url))) return;
      options.log("PostgreSQL stopped unexpectedly; restarting it");
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          await server.restart();
          options.log("PostgreSQL is running again; the web server and the worker reconnect on their next query");
          return;
        } catch (error) {
          // Right after a crash its old backends may still hold shared memory for a moment.
          if (attempt === attempts) {
            done = true;
            clearInterval(timer);
            const detail = error instanceof Error && error.message ? error.message : "it exited during start-up";
            options.onGiveUp(`PostgreSQL stopped and could not be restarted (${detail}); see the log above and start Relabel again.`);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        }
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), options.intervalMs ?? 2000);
  return {
    stop: () => {
      done = true;
      clearInterval(timer);
    },
  };
}
