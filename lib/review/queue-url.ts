import type { QueueParams } from "@/lib/validation/review";

/** The queue's list state as URL search params, without defaults, so links stay short and shareable. */
export function queueSearch(params: Partial<QueueParams>, overrides: Partial<QueueParams> = {}): string {
  const merged = { ...params, ...overrides };
  const search = new URLSearchParams();
  if (merged.campaign) search.set("campaign", String(merged.campaign));
  if (merged.status && merged.status !== "to-review") search.set("status", merged.status);
  if (merged.sort && merged.sort !== "score-desc") search.set("sort", merged.sort);
  if (merged.class !== undefined) search.set("class", String(merged.class));
  if (merged.group) search.set("group", String(merged.group));
  if (merged.source) search.set("source", merged.source);
  if (merged.suspect !== undefined) search.set("suspect", String(merged.suspect));
  if (merged.page && merged.page > 1) search.set("page", String(merged.page));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The review screen of one image in one campaign; `queue` keeps the list it was opened from, so "next" follows it. */
export function reviewHref(imageId: number, campaignId: number, params: Partial<QueueParams>): string {
  const queue = queueSearch({ ...params, page: undefined }).slice(1);
  return `/review/${imageId}?campaign=${campaignId}${queue ? `&queue=${encodeURIComponent(queue)}` : ""}`;
}
