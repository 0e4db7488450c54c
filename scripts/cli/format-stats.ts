import type { DatasetStats } from "@/lib/stats/dataset-stats";

export function formatStats(stats: DatasetStats): string {
  const lines = [`dataset ${stats.dataset}: ${stats.images} images (${stats.imagesWithPixels} with pixels)`, "", "sources:"];
  const width = Math.max(...stats.sources.map((s) => s.name.length), 6);
  for (const s of stats.sources) {
    lines.push(`  ${s.name.padEnd(width)}  ${s.kind.padEnd(8)} ${String(s.imagesCovered).padStart(6)} images  ${String(s.emptyOrNoneFit).padStart(5)} none fit  ${String(s.multiLabel).padStart(5)} multi-label`);
  }
  const o = stats.studyOverlap;
  lines.push("", `label studies (${o.studies.join(", ")}):`);
  lines.push(`  covered by ≥1: ${o.atLeast1}   ≥2: ${o.atLeast2}   ≥3: ${o.atLeast3}   all 4: ${o.atLeast4}`);
  lines.push(`  of those covered by ≥2, identical label sets: ${o.identicalAmongAtLeast2}`);
  return lines.join("\n");
}
