/**
 * The Relabel command line: `npm run relabel -- <command>`. A public interface: commands,
 * options and JSON outputs are documented in the README and kept stable. The commands are in
 * scripts/cli/program.ts.
 */
import { createProgram, reportCliError } from "@/scripts/cli/program";

const program = await createProgram(process.argv[2]);
program.parseAsync().catch((error: unknown) => {
  reportCliError(error);
  process.exit(1);
});
