import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { z } from "zod";
import { createCampaignFromSelection } from "@/lib/campaigns/create-from-selection";
import { createDb } from "@/lib/db";
import { importDecisions } from "@/lib/decisions/import-decisions";
import { ExpectedError } from "@/lib/errors";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { newCampaignSchema, selectionSchema } from "@/lib/validation/campaign";
import { withDatabase } from "@/scripts/cli/with-database";

const RULES: Record<string, ConsensusRule> = { unanimous: "UNANIMOUS", majority: "MAJORITY", "dawid-skene": "DAWID_SKENE" };

function fail(error: z.ZodError): never {
  throw new ExpectedError(error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("\n"));
}

/** Scripting rounds of relabeling: create a campaign as the admin page does, bring decisions in from elsewhere. */
export function registerRoundCommands(program: Command) {
  const decisions = program.command("decisions").description("Decisions made elsewhere.");
  decisions
    .command("import <file>")
    .description("Import decisions (JSONL: one decision a line, or the records of a JSONL export) into a campaign, all or nothing.")
    .requiredOption("--campaign <id>", "campaign the decisions belong to")
    .option("--create-users", "create unknown e-mails as inactive annotators (otherwise they are refused)")
    .action(async (file: string, options: { campaign: string; createUsers?: boolean }) => {
      const campaignId = z.coerce.number().int().positive().safeParse(options.campaign);
      if (!campaignId.success) throw new ExpectedError("--campaign takes a campaign id.");
      const text = await readFile(file, "utf8").catch(() => {
        throw new ExpectedError(`Cannot read ${file}.`);
      });
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          console.log(JSON.stringify(await importDecisions(db, campaignId.data, text, { createUsers: options.createUsers })));
        } finally {
          await db.$disconnect();
        }
      });
    });

  const campaign = program.command("campaign").description("Manage campaigns.");
  campaign
    .command("create")
    .description("Create a campaign from a file of image names or a selection rule, and print { id, images }.")
    .requiredOption("--name <name>", "campaign name")
    .requiredOption("--annotators-per-image <k>", "decisions wanted per image")
    .option("--files <file>", "image file names, one a line")
    .option("--selection <json>", 'the admin page\'s selection, e.g. {"rule":{"kind":"classes","classes":[356,357]}}')
    .option("--members <emails>", "annotators, comma-separated e-mails (none: add them later, or import their decisions)", "")
    .addOption(new Option("--rule <rule>", "consensus rule").choices(Object.keys(RULES)).default("majority"))
    .option("--quorum <q>", "majority: decisions that must include an outcome (default: more than half)")
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--instructions <markdown>", "shown to annotators", "")
    .option("--blind", "hide prior labels and predictions from annotators")
    .option("--gold-share <share>", "share of each annotator's queue made of gold images, 0 to 0.5", "0")
    .option("--gold-pause-below <accuracy>", "pause a member whose gold Jaccard accuracy falls below this (0 to 1)")
    .option("--gold-min-answers <n>", "gold answers a member gives before the pause rule applies", "5")
    .option("--json", "print one JSON object (the default output)")
    .action(async (options: {
      name: string; annotatorsPerImage: string; files?: string; selection?: string; members: string; rule: string; quorum?: string; dataset: string; instructions: string; blind?: boolean;
      goldShare: string; goldPauseBelow?: string; goldMinAnswers: string;
    }) => {
      if (Boolean(options.files) === Boolean(options.selection)) throw new ExpectedError("Give either --files or --selection.");
      const emails = options.members.split(",").map((email) => email.trim().toLowerCase()).filter(Boolean);
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const selection = options.files ? await listSelection(db, options.dataset, options.files) : parseSelection(options.selection!);
          const members = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, active: true } });
          const unknown = emails.filter((email) => !members.some((member) => member.email === email && member.active));
          if (unknown.length) throw new ExpectedError(`Unknown or disabled members: ${unknown.join(", ")}.`);
          const parsed = newCampaignSchema.safeParse({
            name: options.name,
            instructions: options.instructions,
            dataset: options.dataset,
            selection,
            annotatorsPerImage: Number(options.annotatorsPerImage),
            showPriorLabels: !options.blind,
            memberIds: members.map((member) => member.id),
            gold: { share: Number(options.goldShare), pauseBelow: options.goldPauseBelow === undefined ? null : Number(options.goldPauseBelow), minAnswers: Number(options.goldMinAnswers) },
          });
          if (!parsed.success) fail(parsed.error);
          const quorum = options.quorum === undefined ? null : z.coerce.number().int().min(1).safeParse(options.quorum);
          if (quorum && !quorum.success) throw new ExpectedError("--quorum takes a whole number of decisions (1 or more).");
          const created = await createCampaignFromSelection(db, { ...parsed.data, consensusRule: RULES[options.rule], consensusQuorum: quorum?.data ?? null }, null);
          console.log(JSON.stringify({ id: created.campaignId, images: created.images }));
        } finally {
          await db.$disconnect();
        }
      });
    });
}

function parseSelection(json: string) {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ExpectedError("--selection is not valid JSON.");
  }
  const parsed = selectionSchema.safeParse(value);
  if (!parsed.success) fail(parsed.error);
  return parsed.data;
}

/** A list names its files: every one must exist (a typo must not shrink the campaign silently), pixels or not. */
async function listSelection(db: ReturnType<typeof createDb>, dataset: string, file: string) {
  const text = await readFile(file, "utf8").catch(() => {
    throw new ExpectedError(`Cannot read ${file}.`);
  });
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const fileKeys = [...new Set(lines.filter(Boolean))];
  if (fileKeys.length === 0) throw new ExpectedError(`${file} lists no image.`);
  const found = new Set((await db.image.findMany({ where: { dataset: { slug: dataset }, fileKey: { in: fileKeys } }, select: { fileKey: true } })).map((image) => image.fileKey));
  const unknown = lines.flatMap((name, index) => (name && !found.has(name) ? [`line ${index + 1}: unknown file name "${name}"`] : []));
  if (unknown.length) throw new ExpectedError(`Nothing was created:\n${unknown.slice(0, 50).join("\n")}${unknown.length > 50 ? `\n… and ${unknown.length - 50} more` : ""}`);
  return { rule: { kind: "list" as const, fileKeys }, withPixels: false };
}
