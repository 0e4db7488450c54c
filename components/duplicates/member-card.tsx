import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DuplicateGroupView } from "@/lib/data/duplicates";

type Member = DuplicateGroupView["members"][number];

const classList = (classes: number[], nameOf: Record<number, string>) =>
  classes.length ? classes.map((index) => `${nameOf[index] ?? "class"} (${index})`).join(", ") : "—";

/** One member of a duplicate group: the image, every source's labels and the consensus. */
export function MemberCard({ member, nameOf, compareWith, groupId }: { member: Member; nameOf: Record<number, string>; compareWith: { id: number; fileKey: string }[]; groupId: number }) {
  const consensus = member.consensus;
  return (
    <li className="space-y-2 rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200" aria-label={member.fileKey}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={`/api/images/${member.id}`} alt={member.fileKey} className="aspect-[4/3] w-full rounded bg-slate-100 object-contain" />
      <div className="font-medium break-all">{member.fileKey}</div>
      <div className="flex flex-wrap gap-1.5">
        <Badge tone="outline">{member.split.toLowerCase()}</Badge>
        {member.distance !== null && <Badge tone="neutral">{member.distance} bits{member.mirrored ? ", mirrored" : ""}</Badge>}
      </div>
      <p>
        <span className="font-medium">Consensus: </span>
        <span data-testid={`consensus-${member.id}`}>
          {consensus ? `${consensus.status.toLowerCase()}${consensus.classes.length ? `: ${classList(consensus.classes, nameOf)}` : ""}${consensus.excludeReason ? ` (${consensus.excludeReason})` : ""}` : "none yet"}
        </span>
      </p>
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Labels of {member.fileKey}</caption>
        <tbody>
          {member.labels.map((label) => (
            <tr key={label.source} className="border-t border-slate-100">
              <th scope="row" className="py-0.5 pr-2 font-normal text-slate-500">{label.source}</th>
              <td>{label.status === "LABELED" ? classList(label.classes, nameOf) : label.status.toLowerCase().replace("_", " ")}</td>
            </tr>
          ))}
          {member.labels.length === 0 && (
            <tr><td className="text-slate-500">No source labels this image.</td></tr>
          )}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2 text-xs">
        {compareWith.map((other) => (
          <Link key={other.id} href={`/duplicates/${groupId}?a=${member.id}&b=${other.id}`} className="text-indigo-700 hover:underline">
            Compare with {other.fileKey}
          </Link>
        ))}
      </div>
    </li>
  );
}
