import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgreementReportView } from "@/components/agreement/agreement-report-view";
import { requirePagePermission } from "@/lib/auth/session";
import { getCampaignAgreement, listAgreementCampaigns } from "@/lib/data/agreement";
import { parseCampaignParam } from "@/lib/validation/agreement";

export const metadata: Metadata = { title: "Agreement" };

export default async function AgreementPage({ searchParams }: { searchParams: Promise<{ campaign?: string | string[] }> }) {
  const user = await requirePagePermission("review:read");
  const campaignId = parseCampaignParam((await searchParams).campaign);
  if (campaignId === null) notFound();
  if (campaignId !== "none") {
    const agreement = await getCampaignAgreement(user, campaignId);
    if (!agreement) notFound();
    return <AgreementReportView campaignId={campaignId} agreement={agreement} />;
  }
  const campaigns = await listAgreementCampaigns(user);
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Agreement</h1>
      <p className="text-slate-600">How far annotators agree, per campaign: pick one.</p>
      {campaigns.length === 0 ? (
        <p className="text-slate-600">There are no campaigns yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {campaigns.map((campaign) => (
            <li key={campaign.id} className="flex items-center gap-4 px-4 py-3 text-sm">
              <Link href={`/review/agreement?campaign=${campaign.id}`} className="font-medium text-indigo-700 hover:underline">
                {campaign.name}
              </Link>
              <span className="text-slate-600">
                {campaign.decisions.toLocaleString("en")} decisions · {campaign.annotatorsPerImage} per image · {campaign.status.toLowerCase()}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
