import { RecentDecisions } from "@/components/labeling/recent-decisions";
import { ImageSearch } from "@/components/review/image-search";
import { Button } from "@/components/ui/button";
import { startLabelingAction } from "@/lib/actions/labeling";
import { can } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { listMyCampaigns } from "@/lib/data/campaigns";
import { findImagesByFileName } from "@/lib/data/image-search";
import { listMyRecentDecisions } from "@/lib/data/my-decisions";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ q?: string; image?: string }> }) {
  const user = await requireSignedIn();
  const params = await searchParams;
  const query = (params.q ?? "").slice(0, 100);
  const reviewer = can(user, "review:read");
  const imageQuery = reviewer ? (params.image ?? "").slice(0, 100) : "";
  const [campaigns, decisions, images] = await Promise.all([
    listMyCampaigns(user.id),
    listMyRecentDecisions(user.id, query),
    findImagesByFileName(imageQuery),
  ]);
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
                  // A POST: claiming is a write, and one round trip lands on the first image.
                  <form action={startLabelingAction}>
                    <input type="hidden" name="campaignId" value={campaign.id} />
                    <Button type="submit" variant="primary" size="sm" aria-label={`Start labeling ${campaign.name}`}>
                      Start labeling
                    </Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {reviewer && <ImageSearch images={images} query={imageQuery} />}
      <RecentDecisions decisions={decisions} query={query} showTimeline={reviewer} />
    </main>
  );
}
