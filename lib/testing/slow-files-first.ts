import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that took longest on CI, slowest first (measured with --reporter=json). Vitest starts
 * the files it remembers as slow first, but a clean clone (CI) has no memory of them: it starts
 * the largest files first, and these small, slow ones began last and ran on after the rest.
 */
export const SLOW_FILES = [
  "lib/demo/load-demo.test.ts",
  "lib/jobs/worker-crash.test.ts",
  "scripts/bench/run.test.ts",
  "lib/actions/fuzz-actions.test.ts",
  "lib/security/authorization-matrix.test.ts",
  "scripts/cli/relabel-cli.test.ts",
  "lib/import/fuzz-importers.test.ts",
  "lib/faults/database-outage.test.ts",
  "lib/import/run/imagenet-bundle-dry-run.test.ts",
  "scripts/cli/export-cli.test.ts",
];

/** Vitest's order when it remembers every file's duration; otherwise SLOW_FILES first, then vitest's order. */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const relative = (file: TestSpecification) => path.relative(this.ctx.config.root, file.moduleId);
    if (sorted.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(file)}`))) return sorted;
    const rank = (file: TestSpecification) => {
      const index = SLOW_FILES.indexOf(relative(file).split(path.sep).join("/"));
      return index === -1 ? SLOW_FILES.length : index;
    };
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}
