/**
 * Class lists for tests of the labeling code and its benchmark (never imported by app code): a
 * few hand-made classes with the real names that trip people up.
 */
import type { ClassSummary } from "@/lib/labeling/types";

export function makeClass(index: number, name: string, extra: Partial<ClassSummary> = {}): ClassSummary {
  return {
    index,
    wnid: `n${String(1_000_000 + index * 1013).padStart(8, "0")}`,
    name,
    lemmas: [name],
    gloss: `definition of ${name}`,
    openaiName: null,
    modifiedName: null,
    groups: [],
    ...extra,
  };
}

export const SAMPLE_CLASSES: ClassSummary[] = [
  makeClass(0, "tench", { wnid: "n01440764", lemmas: ["tench", "Tinca tinca"] }),
  makeClass(134, "crane", { wnid: "n02012849", gloss: "large long-necked wading bird", modifiedName: "crane bird" }),
  makeClass(281, "tabby", { lemmas: ["tabby", "tabby cat"], openaiName: "tabby cat" }),
  makeClass(282, "tiger cat", { openaiName: "tiger cat", groups: [{ codes: [2], classes: [281, 282, 292] }] }),
  makeClass(283, "Persian cat"),
  makeClass(292, "tiger", { lemmas: ["tiger", "Panthera tigris"] }),
  makeClass(517, "crane", { wnid: "n03126707", gloss: "lifts and moves heavy objects", modifiedName: "construction crane" }),
  makeClass(620, "laptop", { lemmas: ["laptop", "laptop computer"], groups: [{ codes: [5], classes: [620, 681] }] }),
  makeClass(638, "maillot", { wnid: "n03710637" }),
  makeClass(639, "maillot", { wnid: "n03710721", lemmas: ["maillot", "tank suit"] }),
  makeClass(681, "notebook", { lemmas: ["notebook", "notebook computer"], groups: [{ codes: [5], classes: [620, 681] }] }),
  makeClass(607, "jack-o'-lantern"),
];
