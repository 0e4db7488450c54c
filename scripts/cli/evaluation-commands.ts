import type { Command } from "commander";
import { classConfirmation } from "@/lib/analytics/class-confirmation";
import { loadVerdicts } from "@/lib/analytics/load-verdicts";
import { createDb } from "@/lib/db";
import { requireKnownClasses } from "@/lib/decisions/known-classes";
import { ExpectedError } from "@/lib/errors";
import { datasetIdOf, evaluateModels } from "@/lib/evaluation/load-evaluation";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { classListSchema, mergeMapSchema } from "@/lib/validation/evaluation";
import { withDatabase } from "@/scripts/cli/with-database";

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];

function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ExpectedError(parsed.error.issues.map((i) => i.message).join("\n"));
  return parsed.data;
}

export function registerEvaluationCommands(program: Command) {
  program
    .command("evaluate")
    .description("A model's accuracy under every protocol the data supports (original, ReaL, multilabel, clean set, consensus), with image counts.")
    .requiredOption("--model <name>", "model source, e.g. resnet50 (or model:resnet50)")
    .option("--protocol <names>", "protocols to compute, comma-separated or repeated (default: all available)", list)
    .option("--merge <groups>", 'classes to treat as one, e.g. "620,681;836,837" (default: the near-synonym groups of clusters.json)')
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--json", "print one JSON object (stable format, see README)")
    .action(async (options: { model: string; protocol?: string[]; merge?: string; dataset: string; json?: boolean }) => {
      const merge = options.merge === undefined ? undefined : parseOrThrow(mergeMapSchema, options.merge);
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          if (merge) await requireKnownClasses(db, ...merge);
          const [evaluation] = await evaluateModels(db, options.dataset, { models: [options.model], protocols: options.protocol, merge });
          if (options.json) return console.log(JSON.stringify(evaluation));
          console.log(`${evaluation!.title} (${evaluation!.predictions} predictions)`);
          for (const p of Object.values(evaluation!.protocols)) {
            const top5 = p.top5 === undefined ? "" : `  top-5 ${p.top5 ?? "–"}%`;
            console.log(`  ${p.protocol.padEnd(20)} top-1 ${p.top1 ?? "–"}%${top5}  on ${p.images} images (${p.leftOut} left out)`);
            if (p.duplicatesRemoved) {
              const columns = Object.entries(p.duplicatesRemoved).map(([name, f]) => `× ${name} ${f.top1 ?? "–"}% (${f.images})`);
              console.log(`  ${"".padEnd(20)} ${columns.join("  ")}`);
            }
          }
        } finally {
          await db.$disconnect();
        }
      });
    });

  const report = program.command("report").description("Analytics reports.");
  report
    .command("classes")
    .description("Per class: how many originally labeled images a source confirms, and what the rest became.")
    .requiredOption("--source <name>", "label source (e.g. flaws-weasel-experts, real, model:resnet50), campaign:<id> or consensus:dataset")
    .requiredOption("--classes <list>", "class indices, e.g. 356,357,358,359")
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--json", "print one JSON object (stable format, see README)")
    .action(async (options: { source: string; classes: string; dataset: string; json?: boolean }) => {
      const classes = parseOrThrow(classListSchema, options.classes);
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          await requireKnownClasses(db, classes);
          const datasetId = await datasetIdOf(db, options.dataset);
          const rows = classConfirmation(await loadVerdicts(db, datasetId, options.source, classes), classes);
          if (options.json) return console.log(JSON.stringify({ dataset: options.dataset, source: options.source, classes: rows }));
          for (const r of rows) {
            const other = Object.entries(r.becameOther).map(([c, n]) => `${c}×${n}`).join(" ");
            const outside = Object.entries(r.notInImagenet).map(([l, n]) => `${l}×${n}`).join(", ");
            console.log(`${r.class}: ${r.confirmed}/${r.images} confirmed (${r.confirmedPct ?? "–"}%); other: ${other || "–"}; multilabel ${r.multilabel}; ambiguous ${r.ambiguous}; not in ImageNet: ${outside || "–"}`);
          }
        } finally {
          await db.$disconnect();
        }
      });
    });
}
