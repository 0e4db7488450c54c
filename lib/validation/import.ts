import { z } from "zod";
import { idSchema } from "@/lib/validation/id";
import { cleanText } from "@/lib/validation/text";

export const datasetSlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "A dataset name uses lower-case letters, digits and dashes.");

const serverPath = (field: string) => cleanText({ field, min: 1, minMessage: "Give a path on the server, or upload a file.", max: 4096 });

/** A blank form field means "not given". */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const sourceName = cleanText({ field: "the source name", min: 1, max: 100 });
const none = z.object({}).strict();

/**
 * The options each import kind accepts, keyed like the CLI flags (camel-cased long names); no
 * kind accepts anything else. lib/import/kinds.ts is the registry of kinds; a test keeps the two
 * in step.
 */
export const IMPORT_OPTION_SCHEMAS = {
  imagenet: none,
  classes: none,
  "openai-names": none,
  "modified-names": none,
  clusters: none,
  original: none,
  images: z
    .object({
      /** false: record names and sizes only. */
      inspect: optional(z.boolean()),
      /** The path is then a URL template, not a folder. */
      urlTemplate: optional(z.boolean()),
      /** Display name of the dataset, when this import creates it. */
      datasetName: optional(cleanText({ field: "the dataset name", min: 1, max: 200 })),
    })
    .strict(),
  real: z.object({ scores: optional(serverPath("the scores file")) }).strict(),
  northcutt: z.object({ rule: optional(z.enum(["majority", "unanimous"], "The rule is majority or unanimous.")) }).strict(),
  multilabel: none,
  tsipras: none,
  "flaws-clean": none,
  "flaws-csv": z.object({ name: optional(sourceName) }).strict(),
  mistakes: none,
  experts: none,
  predictions: z.object({ name: optional(sourceName), title: optional(cleanText({ field: "the title", min: 1, max: 200 })) }).strict(),
} as const;

export type ImportKindName = keyof typeof IMPORT_OPTION_SCHEMAS;
export const IMPORT_KIND_NAMES = Object.keys(IMPORT_OPTION_SCHEMAS) as ImportKindName[];

/** Options that name a file or folder on the server: each is checked like the main path. */
export const IMPORT_PATH_OPTIONS: { [K in ImportKindName]?: (keyof z.output<(typeof IMPORT_OPTION_SCHEMAS)[K]>)[] } = { real: ["scores"] };

/** An image URL template: http(s), with {file} where the image's path goes. */
export const urlTemplateSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (!value.includes("{file}")) return false;
    try {
      const url = new URL(value.replace("{file}", "x"));
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "A URL template is an http(s) address with {file} where the image's path goes, e.g. https://host/val/{file}.");

function requestOf<K extends ImportKindName>(kind: K) {
  return z.object({
    kind: z.literal(kind),
    path: serverPath("the path"),
    dataset: datasetSlugSchema,
    // Indexing the table by a generic key gives a union TypeScript cannot call .default on.
    options: (IMPORT_OPTION_SCHEMAS[kind] as z.ZodObject).default({}) as unknown as z.ZodDefault<(typeof IMPORT_OPTION_SCHEMAS)[K]>,
  });
}

const images = requestOf("images").superRefine((request, ctx) => {
  if (request.options.urlTemplate && !urlTemplateSchema.safeParse(request.path).success) {
    ctx.addIssue({ code: "custom", path: ["path"], message: "A URL template is an http(s) address with {file} where the image's path goes, e.g. https://host/val/{file}." });
  }
});

/** One schema per kind (a union on `kind`): an option another kind takes, or any unknown one, is refused. */
export const importRequestSchema = z.discriminatedUnion(
  "kind",
  [
    requestOf("imagenet"),
    requestOf("classes"),
    requestOf("openai-names"),
    requestOf("modified-names"),
    requestOf("clusters"),
    requestOf("original"),
    images,
    requestOf("real"),
    requestOf("northcutt"),
    requestOf("multilabel"),
    requestOf("tsipras"),
    requestOf("flaws-clean"),
    requestOf("flaws-csv"),
    requestOf("mistakes"),
    requestOf("experts"),
    requestOf("predictions"),
  ],
  { error: "Unknown import kind." },
);
export type ImportRequest = z.output<typeof importRequestSchema>;
export type ImportRequestInput = z.input<typeof importRequestSchema>;

export const importJobRefSchema = z.object({ jobId: idSchema });
