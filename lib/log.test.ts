import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** What a process logging one event prints, its output piped (as `npm start` pipes the app server's). */
function logged(format?: string): string {
  const script = `import { log } from "@/lib/log"; log.info({ jobId: 7, password: "hunter2" }, "job queued");`;
  // Neither the format nor NODE_ENV set: the default, as in development.
  const env: Record<string, string | undefined> = { ...process.env, VITEST: "", LOG_LEVEL: "info", RELABEL_LOG_FORMAT: format };
  delete env.NODE_ENV;
  if (!format) delete env.RELABEL_LOG_FORMAT;
  return execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
}

describe("log lines", () => {
  it("are JSON objects when no terminal reads them, in development too", () => {
    const lines = logged().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "job queued", jobId: 7, password: "[redacted]" });
  });

  it("are one readable line each in the pretty format, passed down by npm start", () => {
    const lines = logged("pretty").trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/INFO \(relabel\): job queued .*"jobId":7/);
    expect(lines[0]).not.toContain("hunter2");
  });
});
