/**
 * Per class: how many of the images originally labeled with it a source confirms, and what the
 * rest became. Each image falls in exactly one bucket, so the buckets add up to `images`.
 */

/** A source's verdict on one image, read the same way for studies, expert decisions and consensus rows. */
export interface ImageVerdict {
  original: number;
  classes: number[];
  ambiguous: boolean;
  outsideLabels: string[];
  /** The source looked and gave nothing usable (no label fits, raters disagreed, problematic, excluded). */
  unusable?: boolean;
}

export interface ClassConfirmation {
  class: number;
  images: number;
  /** Exactly the original label, nothing else. */
  confirmed: number;
  confirmedPct: number | null;
  /** Exactly one other ImageNet class: class → images. */
  becameOther: Record<string, number>;
  /** More than one label (classes, or a class beside a label outside ImageNet). */
  multilabel: number;
  ambiguous: number;
  /** Only labels outside ImageNet: label → images. */
  notInImagenet: Record<string, number>;
  /** No usable verdict: no class fits, raters disagreed, problematic or excluded. */
  unusable: number;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((10_000 * part) / whole) / 100);
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function classConfirmation(verdicts: Iterable<ImageVerdict>, classes?: readonly number[]): ClassConfirmation[] {
  const rows = new Map<number, ClassConfirmation>();
  const row = (c: number) => {
    let found = rows.get(c);
    if (!found) {
      found = { class: c, images: 0, confirmed: 0, confirmedPct: null, becameOther: {}, multilabel: 0, ambiguous: 0, notInImagenet: {}, unusable: 0 };
      rows.set(c, found);
    }
    return found;
  };
  for (const c of classes ?? []) row(c);
  for (const v of verdicts) {
    if (classes && !classes.includes(v.original)) continue;
    const r = row(v.original);
    r.images += 1;
    if (v.ambiguous) r.ambiguous += 1;
    else if (v.classes.length + v.outsideLabels.length > 1) r.multilabel += 1;
    else if (v.classes.length === 1) {
      if (v.classes[0] === v.original) r.confirmed += 1;
      else bump(r.becameOther, String(v.classes[0]));
    } else if (v.outsideLabels.length === 1) bump(r.notInImagenet, v.outsideLabels[0]!);
    else r.unusable += 1;
  }
  return [...rows.values()].sort((a, b) => a.class - b.class).map((r) => ({ ...r, confirmedPct: percent(r.confirmed, r.images) }));
}

export interface GroupConfirmation {
  groupId: number;
  codes: number[];
  classes: number[];
  images: number;
  confirmed: number;
  confirmedPct: number | null;
  becameOther: number;
  multilabel: number;
  ambiguous: number;
  notInImagenet: number;
  unusable: number;
}

/** Sums the class rows of each class group. */
export function groupConfirmation(rows: ClassConfirmation[], groups: { id: number; codes: number[]; classes: number[] }[]): GroupConfirmation[] {
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
  return groups.map((g) => {
    const members = rows.filter((r) => g.classes.includes(r.class));
    const sum = (pick: (r: ClassConfirmation) => number) => members.reduce((s, r) => s + pick(r), 0);
    const images = sum((r) => r.images);
    const confirmed = sum((r) => r.confirmed);
    return {
      groupId: g.id,
      codes: g.codes,
      classes: g.classes,
      images,
      confirmed,
      confirmedPct: percent(confirmed, images),
      becameOther: sum((r) => total(r.becameOther)),
      multilabel: sum((r) => r.multilabel),
      ambiguous: sum((r) => r.ambiguous),
      notInImagenet: sum((r) => total(r.notInImagenet)),
      unusable: sum((r) => r.unusable),
    };
  });
}
