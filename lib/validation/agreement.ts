import { z } from "zod";
import { parseId } from "@/lib/validation/route-params";

export const AGREEMENT_TABLES = ["summary", "pairs", "classes", "annotators"] as const;
export const agreementTableSchema = z.enum(AGREEMENT_TABLES);
export type AgreementTableName = z.infer<typeof agreementTableSchema>;

/** `/review/agreement/<campaign>/<table>.csv`: null (→ 404) for anything else. */
export function parseAgreementCsvPath(campaignSegment: string, tableSegment: string): { campaignId: number; table: AgreementTableName } | null {
  const campaignId = parseId(campaignSegment);
  const table = agreementTableSchema.safeParse(tableSegment.replace(/\.csv$/, ""));
  if (campaignId === null || !table.success || !tableSegment.endsWith(".csv")) return null;
  return { campaignId, table: table.data };
}

/** `?campaign=ID`; an absent parameter means "choose a campaign", a malformed one is a 404. */
export function parseCampaignParam(value: string | string[] | undefined): number | null | "none" {
  if (value === undefined) return "none";
  return typeof value === "string" ? parseId(value) : null;
}
