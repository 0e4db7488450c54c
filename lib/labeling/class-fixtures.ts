/**
 * Class lists for tests of the labeling code (never imported by app code): a few hand-made
 * classes with the real names that trip people up, and a deterministic 1,000-class list.
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

const SYLLABLES = ["ka", "lo", "mi", "ter", "van", "so", "ri", "bel", "dun", "pha", "que", "zor", "nim", "tal"];

/** 1,000 classes with made-up multi-word names, lemmas and alternative names. */
export function makeThousandClasses(): ClassSummary[] {
  const word = (seed: number, length: number) => {
    let text = "";
    for (let i = 0; i < length; i++) text += SYLLABLES[(seed * (i + 7) + i * 3) % SYLLABLES.length];
    return text;
  };
  return Array.from({ length: 1000 }, (_, index) => {
    const name = `${word(index, 2)} ${word(index + 11, 3)}`;
    return makeClass(index, name, {
      lemmas: [name, `${word(index + 5, 2)} ${word(index, 2)}`, word(index + 3, 4)],
      openaiName: `${word(index + 1, 3)} ${name}`,
      modifiedName: `${name} ${word(index + 9, 2)}`,
    });
  });
}
