import { NextResponse } from "next/server";
import { toCsv } from "@/lib/csv/csv";
import { reportTable } from "@/lib/agreement/report-tables";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { getCampaignAgreement } from "@/lib/data/agreement";
import { parseAgreementCsvPath } from "@/lib/validation/agreement";

/** One agreement table as CSV: `/review/agreement/<campaign>/<summary|pairs|classes|annotators>.csv`. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string; table: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const { campaignId, table } = await params;
  const parsed = parseAgreementCsvPath(campaignId, table);
  // Without review:read the answer is the same 404 as for a campaign that does not exist.
  const loaded = parsed && can(user, "review:read") ? await getCampaignAgreement(user, parsed.campaignId) : null;
  if (!parsed || !loaded) return NextResponse.json({ error: "Not found." }, { status: 404 });
  const csv = reportTable(loaded.report, parsed.table, loaded.sourceTitles);
  return new NextResponse(toCsv(csv.columns, csv.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="agreement-campaign-${parsed.campaignId}-${parsed.table}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
