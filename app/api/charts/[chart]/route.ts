import { type NextRequest, NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { chartCsv, isChart } from "@/lib/data/chart-csv";
import { DEFAULT_DATASET } from "@/lib/datasets";

/** A chart's data as CSV. Without data:export the answer is the same 404 as for an unknown chart. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ chart: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const { chart } = await params;
  if (!can(user, "data:export") || !isChart(chart)) return NextResponse.json({ error: "Not found." }, { status: 404 });
  const search = Object.fromEntries(request.nextUrl.searchParams.entries());
  const csv = await chartCsv(chart, search.dataset ?? DEFAULT_DATASET, search);
  if (csv === null) return NextResponse.json({ error: "No such dataset." }, { status: 404 });
  return new NextResponse(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${chart}.csv"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
