import { execFile } from "node:child_process";
import path from "node:path";
import { format, promisify } from "node:util";
import { type Command, CommanderError } from "commander";
import { createProgram, reportCliError } from "@/scripts/cli/program";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as `npm run relabel -- ...` does, against the test file's database unless `env` names another. */
export async function runRelabelCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/relabel.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI's own program (scripts/cli/program.ts) in this process: the same parsing, commands
 * and error lines, without the seconds a fresh Node, tsx and Prisma client take per start. For the
 * cases that check what a command does; every CLI test file still starts the real process with
 * runRelabelCli. It captures the console and commander's output, not bytes streamed to
 * process.stdout (`export --out -`: use runRelabelCli). Runs one at a time: `env` and the console
 * are the process's.
 */
export function runRelabelInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = previous.then(() => runInProcess(args, env));
  previous = result.catch(() => {});
  return result;
}

async function runInProcess(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const output = { stdout: "", stderr: "" };
  const saved = { env: Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]])), log: console.log, info: console.info, warn: console.warn, error: console.error };
  Object.assign(process.env, env);
  console.log = console.info = (...parts: unknown[]) => void (output.stdout += `${format(...parts)}\n`);
  console.warn = console.error = (...parts: unknown[]) => void (output.stderr += `${format(...parts)}\n`);
  try {
    const program = await createProgram(args[0]);
    // As the process would exit: commander's own refusals (unknown option, bad argument) become an exit code.
    for (const command of [program, ...allSubcommands(program)]) {
      command.exitOverride().configureOutput({ writeOut: (text) => void (output.stdout += text), writeErr: (text) => void (output.stderr += text) });
    }
    await program.parseAsync(args, { from: "user" });
    return { code: 0, ...output };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode, ...output };
    reportCliError(error);
    return { code: 1, ...output };
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    for (const [key, value] of Object.entries(saved.env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function allSubcommands(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...allSubcommands(sub)]);
}
