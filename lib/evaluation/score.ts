/**
 * Scoring a model against one ground truth. Every protocol (original, ReaL, multilabel, a
 * consensus...) first turns its verdict on an image into a `Truth`: the classes that count as
 * correct, or a reason the image is left out. Scoring is then the same for all of them, so the
 * only thing a protocol decides is what is correct — and every figure carries the number of
 * images it counts and the number it left out, per reason.
 */

export type Truth =
  | { accepted: number[]; /** Labels a study marked unclear: a prediction there is not correct, but counted apart. */ unclear?: number[] }
  | { leftOut: string };

export interface ScoredImage {
  imageId: number;
  /** Top-k, best first. */
  predicted: number[];
  truth: Truth;
}

export interface Figure {
  /** Percent of counted images whose top-1 is correct; null when no image is counted. */
  top1: number | null;
  /** Percent with a correct class among the first five predictions; absent where the protocol defines no top-5, null where the model published fewer than five. */
  top5?: number | null;
  images: number;
  leftOut: number;
  leftOutBy: Record<string, number>;
  /** Images whose top-1 is one of the study's unclear labels (counted as not correct). */
  unclearTop1?: number;
}

/** Class → representative class; classes absent from the map stand for themselves. */
export type ClassMerge = ReadonlyMap<number, number>;

export interface ScoreOptions {
  top5?: boolean;
  merge?: ClassMerge;
  /**
   * Predictions per image the model published. A file with fewer than five (cleanlab's top-1)
   * would score top-5 = top-1, which is no top-5 at all: the figure says null instead.
   */
  publishedK?: number | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((10_000 * part) / whole) / 100);

/** Counts images into one figure; `evaluateModel` feeds several tallies in a single pass over the images. */
export class Tally {
  private counted = 0;
  private top1 = 0;
  private top5 = 0;
  private unclear = 0;
  private tracksUnclear = false;
  private readonly leftOutBy: Record<string, number> = {};
  private readonly canonical: (c: number) => number;

  constructor(private readonly options: ScoreOptions = {}) {
    const merge = options.merge;
    this.canonical = merge ? (c) => merge.get(c) ?? c : (c) => c;
  }

  add(image: ScoredImage): void {
    const truth = image.truth;
    if ("leftOut" in truth) {
      this.leftOutBy[truth.leftOut] = (this.leftOutBy[truth.leftOut] ?? 0) + 1;
      return;
    }
    this.counted += 1;
    // Label sets hold a handful of classes: a linear scan beats building a Set per image.
    const merged = this.options.merge !== undefined;
    const accepted = merged ? truth.accepted.map(this.canonical) : truth.accepted;
    const predicted = merged ? image.predicted.slice(0, 5).map(this.canonical) : image.predicted;
    const first = predicted[0];
    if (first !== undefined && accepted.includes(first)) this.top1 += 1;
    else if (first !== undefined && truth.unclear?.some((c) => this.canonical(c) === first)) this.unclear += 1;
    if (truth.unclear) this.tracksUnclear = true;
    for (let k = 0; k < 5 && k < predicted.length; k++) {
      if (accepted.includes(predicted[k]!)) {
        this.top5 += 1;
        break;
      }
    }
  }

  figure(): Figure {
    const leftOut = Object.values(this.leftOutBy).reduce((sum, n) => sum + n, 0);
    const figure: Figure = { top1: percent(this.top1, this.counted), images: this.counted, leftOut, leftOutBy: { ...this.leftOutBy } };
    if (this.options.top5) figure.top5 = (this.options.publishedK ?? 5) < 5 ? null : percent(this.top5, this.counted);
    if (this.tracksUnclear) figure.unclearTop1 = this.unclear;
    return figure;
  }
}

export function score(images: Iterable<ScoredImage>, options: ScoreOptions = {}): Figure {
  const tally = new Tally(options);
  for (const image of images) tally.add(image);
  return tally.figure();
}

/**
 * Merges classes into one: each group's members map to its smallest class. Groups that share a
 * class join (union-find), so {a,b} and {b,c} make a, b and c one class.
 */
export function mergeClasses(groups: Iterable<readonly number[]>): ClassMerge {
  const parent = new Map<number, number>();
  const find = (c: number): number => {
    let root = c;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(c, root);
    return root;
  };
  for (const group of groups) {
    const [first, ...rest] = group;
    if (first === undefined) continue;
    for (const other of rest) {
      const a = find(first);
      const b = find(other);
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
    }
    if (!parent.has(first)) parent.set(first, first);
  }
  const merge = new Map<number, number>();
  for (const c of parent.keys()) {
    const root = find(c);
    if (root !== c) merge.set(c, root);
  }
  return merge;
}
