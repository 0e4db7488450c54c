import "server-only";
import { datasetIdOf } from "@/lib/datasets";
import { db } from "@/lib/db";

export const getDatasetId = (slug: string): Promise<number | null> => datasetIdOf(db, slug);
