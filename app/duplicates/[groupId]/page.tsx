import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GroupActions } from "@/components/duplicates/group-actions";
import { MemberCard } from "@/components/duplicates/member-card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listClassSummaries } from "@/lib/data/classes";
import { getDuplicateGroup, getGroupPair } from "@/lib/data/duplicates";
import { parseId } from "@/lib/validation/route-params";

export const metadata: Metadata = { title: "Duplicate group" };

export default async function DuplicateGroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePagePermission("review:read");
  const groupId = parseId((await params).groupId);
  const group = groupId ? await getDuplicateGroup(groupId) : null;
  if (!group) notFound();
  const query = await searchParams;
  const [a, b] = [parseId(query.a ?? ""), parseId(query.b ?? "")];
  const pair = a && b ? await getGroupPair(group.id, a, b) : null;
  const classes = await listClassSummaries();
  const nameOf = Object.fromEntries(classes.map((c) => [c.index, c.name]));
  const labelClasses = [...new Set(group.members.flatMap((m) => [...m.labels.flatMap((l) => l.classes), ...(m.consensus?.classes ?? [])]))].sort((x, y) => x - y);
  const fileOf = (id: number) => group.members.find((m) => m.id === id)!.fileKey;

  return (
    <main className="mx-auto max-w-[1600px] space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Duplicate group {group.id}</h1>
        <span className="text-sm text-slate-600">
          {group.kind} · {group.origin || "no origin"} · found {group.createdAt.toISOString().slice(0, 10)}
          {group.verdict && ` · marked ${group.verdict.toLowerCase().replace("_", " ")} by ${group.reviewedBy?.name ?? "a former user"} on ${group.reviewedAt?.toISOString().slice(0, 16).replace("T", " ")}`}
        </span>
        <Link href="/duplicates" className="ml-auto text-sm text-indigo-700 hover:underline">All groups</Link>
      </div>

      {pair && (
        <section aria-label="Pair comparison" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold">Pair: {fileOf(pair.a)} and {fileOf(pair.b)}</h2>
          <div className="grid grid-cols-3 gap-3 text-sm">
            {[
              { src: `/api/images/${pair.a}`, label: `a: ${fileOf(pair.a)}` },
              { src: `/api/images/${pair.b}`, label: `b: ${fileOf(pair.b)}` },
              { src: `/api/duplicates/diff?a=${pair.a}&b=${pair.b}`, label: "|a − b| (brightened 3×)" },
            ].map((view) => (
              <figure key={view.src} className="space-y-1">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={view.src} alt={view.label} className="w-full rounded bg-slate-100 object-contain" />
                <figcaption className="text-slate-600">{view.label}</figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}

      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Members">
        {group.members.map((member) => (
          <MemberCard key={member.id} member={member} nameOf={nameOf} compareWith={group.members.filter((m) => m.id !== member.id).map((m) => ({ id: m.id, fileKey: m.fileKey }))} groupId={group.id} />
        ))}
      </ul>

      {can(user, "review:resolve") && (
        <GroupActions
          groupId={group.id}
          verdict={group.verdict}
          members={group.members.map((m) => ({ id: m.id, fileKey: m.fileKey, version: m.consensus?.version ?? null }))}
          candidates={labelClasses.map((index) => ({ index, name: nameOf[index] ?? `class ${index}` }))}
        />
      )}
    </main>
  );
}
