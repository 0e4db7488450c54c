import type { Metadata } from "next";
import Link from "next/link";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { requirePagePermission } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/data/campaign-progress";
import { countClasses } from "@/lib/data/classes";
import { db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { RELATION_NAMES } from "@/lib/labeling/types";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  await requirePagePermission("campaign:manage");
  const [campaigns, sources, groups, users, classCount] = await Promise.all([
    listCampaigns(),
    db.labelSource.findMany({ where: { dataset: { slug: DEFAULT_DATASET } }, orderBy: [{ kind: "asc" }, { name: "asc" }], select: { name: true, title: true, kind: true } }),
    db.classGroup.findMany({ select: { id: true, codes: true, members: { select: { class: { select: { lemmas: true } } } } } }),
    db.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
    countClasses(),
  ]);
  const groupOptions = groups.map((group) => ({
    id: group.id,
    label: `${group.members.map((member) => member.class.lemmas[0]).join(" / ")} (${group.codes.map((code) => RELATION_NAMES[code]).join(", ")})`,
  }));
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Campaigns</h1>
      {campaigns.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {campaigns.map((campaign) => (
            <li key={campaign.id} className="flex items-center gap-4 px-4 py-3 text-sm">
              <Link href={`/admin/campaigns/${campaign.id}`} className="font-medium text-indigo-700 hover:underline">
                {campaign.name}
              </Link>
              <span className="text-slate-600">
                {campaign._count.images.toLocaleString("en")} images · {campaign.annotatorsPerImage} per image · {campaign._count.members} members
                {campaign.showPriorLabels ? "" : " · blind"} · {campaign.status.toLowerCase()}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-campaign" className="space-y-3">
        <h2 id="new-campaign" className="text-lg font-semibold">New campaign</h2>
        <CampaignForm dataset={DEFAULT_DATASET} sources={sources} groups={groupOptions} users={users} classCount={classCount} />
      </section>
    </main>
  );
}
