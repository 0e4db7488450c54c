import "server-only";
import { db } from "@/lib/db";

/** The shared labels outside ImageNet, most recent first, offered as suggestions. */
export async function listVocabulary(limit = 500): Promise<string[]> {
  const labels = await db.vocabularyLabel.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { name: true } });
  return labels.map((label) => label.name);
}
