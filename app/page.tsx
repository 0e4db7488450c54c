import Link from "next/link";
import { RecentDecisions } from "@/components/labeling/recent-decisions";
import { requireSignedIn } from "@/lib/auth/session";
import { listMyCampaigns } from "@/lib/data/campaigns";
import { listMyRecentDecisions } from "@/lib/data/my-decisions";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requireSignedIn();
  const query = ((await searchParams).q ?? "").slice(0, 100);
  const [campaigns, decisions] = await Promise.all([listMyCampaigns(user.id), listMyRecentDecisions(user.id, query)]);
  return (
    <main className="mx-auto max-w-5xl space-y-10 px-4 py-8">
      <section>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">My campaigns</h1>
        {campaigns.length === 0 ? (
          <p className="text-slate-600">You are not a member of any campaign yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {campaigns.map((campaign) => (
              <li key={campaign.id} className="flex items-center gap-4 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{campaign.name}</p>
                  <p className="text-sm text-slate-600">
                    {campaign.images.toLocaleString("en")} images · {campaign.annotatorsPerImage} annotator{campaign.annotatorsPerImage > 1 ? "s" : ""} per image ·
                    you labeled {campaign.myDone}
                    {campaign.myMedianSeconds !== null && ` · ${campaign.myMedianSeconds} s per image`} · {campaign.status.toLowerCase()}
                  </p>
                </div>
                {campaign.status === "ACTIVE" && (
                  <Link
                    href={`/label/${campaign.id}`}
                    prefetch={false}
                    className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
                    aria-label={`Start labeling ${campaign.name}`}
                  >
                    Start labeling
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <RecentDecisions decisions={decisions} query={query} />
    </main>
  );
}
