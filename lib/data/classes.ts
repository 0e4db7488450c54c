import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { ClassSummary } from "@/lib/labeling/types";

/** The taxonomy's size: class indices are 0 to count − 1. */
export const countClasses = cache((): Promise<number> => db.imageClass.count());

/** All classes with their names and problematic groups; small (1000 rows) and read on every labeling page. */
export const listClassSummaries = cache(async (): Promise<ClassSummary[]> => {
  const [classes, memberships] = await Promise.all([
    db.imageClass.findMany({ orderBy: { index: "asc" } }),
    db.classGroupMember.findMany({ select: { classIndex: true, group: { select: { codes: true, members: { select: { classIndex: true } } } } } }),
  ]);
  const groupsByClass = new Map<number, ClassSummary["groups"]>();
  for (const membership of memberships) {
    const others = membership.group.members.map((member) => member.classIndex).filter((index) => index !== membership.classIndex);
    const groups = groupsByClass.get(membership.classIndex) ?? [];
    groups.push({ codes: membership.group.codes, classes: others });
    groupsByClass.set(membership.classIndex, groups);
  }
  return classes.map((entry) => ({
    index: entry.index,
    wnid: entry.wnid,
    name: entry.lemmas[0] ?? entry.wnid,
    lemmas: entry.lemmas,
    gloss: entry.gloss,
    openaiName: entry.openaiName,
    modifiedName: entry.modifiedName,
    groups: groupsByClass.get(entry.index) ?? [],
  }));
});
