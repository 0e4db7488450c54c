import type { Tx } from "@/lib/campaigns/queue";
import { ExpectedError } from "@/lib/errors";

/**
 * The decision schema only knows a class index is a whole number; which indices exist is the
 * dataset's taxonomy (the imported class list), checked here on the server for every write.
 */
// Only the class table is read, so a client (the CLI's) serves as well as a transaction.
export async function requireKnownClasses(tx: Pick<Tx, "imageClass">, ...lists: readonly (readonly number[])[]): Promise<void> {
  const wanted = [...new Set(lists.flat())];
  if (wanted.length === 0) return;
  const known = await tx.imageClass.findMany({ where: { index: { in: wanted } }, select: { index: true } });
  if (known.length === wanted.length) return;
  const found = new Set(known.map((entry) => entry.index));
  const missing = wanted.filter((index) => !found.has(index)).sort((a, b) => a - b);
  const total = await tx.imageClass.count();
  if (total === 0) throw new ExpectedError(`No class list is loaded yet, so class ${missing.join(", ")} names nothing: import the taxonomy first.`);
  throw new ExpectedError(`Class ${missing.join(", ")} is not one of the dataset's ${total} classes (indices 0 to ${total - 1}).`);
}
