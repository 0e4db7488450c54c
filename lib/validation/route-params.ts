import { MAX_ID } from "@/lib/validation/id";

/** A positive integer id from a URL segment, or null: the page then answers 404. */
export function parseId(segment: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id <= MAX_ID ? id : null;
}
