import { DUPLICATE_PROTOCOLS, type DuplicateProtocol, type DuplicateRemovals } from "@/lib/evaluation/duplicate-protocols";
import { type ClassMerge, type Figure, type ScoredImage, Tally, type Truth } from "@/lib/evaluation/score";

/**
 * One model under several protocols, each also restricted the ways the "Flaws of ImageNet"
 * blog sliced its tables: with near-synonym classes merged, on images of problematic class
 * groups vs the rest, and with duplicate images removed under each of its duplicate protocols
 * (× Val, × Cross, × Val+Cross, × All; once duplicates are known).
 */

export interface ProtocolTruths {
  /** Stable name: "original", "real", "multilabel", "flaws-clean", "consensus:<source>", "campaign:<id>". */
  protocol: string;
  title: string;
  top5: boolean;
  /** imageId → truth; images the protocol does not cover are absent (and not counted as left out). */
  truths: ReadonlyMap<number, Truth>;
}

export interface ImageSlices {
  /** Images whose original label is in a problematic class group (clusters.json). */
  problematic: ReadonlySet<number>;
  /** The images each duplicate protocol leaves out; null while no duplicates are recorded. */
  duplicates: DuplicateRemovals | null;
  merge: ClassMerge;
}

export interface ProtocolResult extends Figure {
  protocol: string;
  title: string;
  merged: Figure;
  problematicGroups: Figure;
  otherImages: Figure;
  /** Per duplicate protocol; null while no duplicate groups are recorded. */
  duplicatesRemoved: Record<DuplicateProtocol, Figure> | null;
}

export interface ModelInfo {
  /** Predictions per image the model published (null when unknown): below 5 there is no top-5. */
  publishedK: number | null;
}

export function evaluateModel(predictions: ReadonlyMap<number, number[]>, protocols: ProtocolTruths[], slices: ImageSlices, model: ModelInfo = { publishedK: null }): ProtocolResult[] {
  return protocols.map((p) => {
    const options = { top5: p.top5, publishedK: model.publishedK };
    const all = new Tally(options);
    const merged = new Tally({ ...options, merge: slices.merge });
    const problematic = new Tally(options);
    const other = new Tally(options);
    const removals = slices.duplicates;
    const withoutDuplicates = removals ? DUPLICATE_PROTOCOLS.map((name) => [name, removals[name], new Tally(options)] as const) : [];
    for (const [imageId, truth] of p.truths) {
      // An image the model has no prediction for is counted wrong, not silently dropped.
      const image: ScoredImage = { imageId, truth, predicted: predictions.get(imageId) ?? [] };
      all.add(image);
      merged.add(image);
      (slices.problematic.has(imageId) ? problematic : other).add(image);
      for (const [, removed, tally] of withoutDuplicates) if (!removed.has(imageId)) tally.add(image);
    }
    return {
      protocol: p.protocol,
      title: p.title,
      ...all.figure(),
      merged: merged.figure(),
      problematicGroups: problematic.figure(),
      otherImages: other.figure(),
      duplicatesRemoved: removals ? (Object.fromEntries(withoutDuplicates.map(([name, , tally]) => [name, tally.figure()])) as Record<DuplicateProtocol, Figure>) : null,
    };
  });
}

/** Rank of each model per protocol (1 = best top-1; ties share a rank), for the bump chart. */
export function ranksByProtocol(models: { model: string; results: Pick<ProtocolResult, "protocol" | "top1">[] }[]): Record<string, Record<string, number | null>> {
  const protocols = [...new Set(models.flatMap((m) => m.results.map((r) => r.protocol)))];
  const ranks: Record<string, Record<string, number | null>> = {};
  for (const protocol of protocols) {
    const scored = models.map((m) => ({ model: m.model, top1: m.results.find((r) => r.protocol === protocol)?.top1 ?? null }));
    ranks[protocol] = Object.fromEntries(scored.map((s) => [s.model, s.top1 === null ? null : 1 + scored.filter((o) => o.top1 !== null && o.top1 > s.top1!).length]));
  }
  return ranks;
}
