import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_ENTRIES = [
  "app", "components", "lib", "public", "proxy.ts", "next.config.js", "postcss.config.mjs",
  "tsconfig.json", "package-lock.json", "prisma/schema.prisma",
];
const SKIPPED = new Set(["node_modules", "generated", ".next"]);

/** Changes whenever a file the production build depends on changes (path, size or mtime). */
export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const child of readdirSync(full).sort()) if (!SKIPPED.has(child)) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}\0${stats.size}\0${stats.mtimeMs}\n`);
    }
  };
  SOURCE_ENTRIES.forEach(visit);
  return hash.digest("hex");
}
