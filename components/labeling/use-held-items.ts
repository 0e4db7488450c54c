"use client";

import { useEffect, useMemo, useRef } from "react";
import type { WorkbenchItem } from "@/lib/labeling/types";

/**
 * The workbench data of the images the annotator holds next, fetched (a GET that claims nothing)
 * while they look at the current one, so a submit can swap to the next image at once. `take`
 * hands an item over once: data kept longer could show a draft edited since in another tab.
 * Failures are ignored: without the data the screen falls back to a server render.
 */
export function useHeldItems(campaignId: number, upcoming: readonly number[]): { take(imageId: number): WorkbenchItem | undefined } {
  const items = useRef(new Map<number, WorkbenchItem>());
  const asked = useRef(new Set<number>());
  const key = upcoming.join(",");
  useEffect(() => {
    const missing = key.split(",").filter(Boolean).map(Number).filter((id) => !asked.current.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asked.current.add(id);
    // Not aborted when the list moves on: the next list usually still holds these images.
    fetch(`/api/labeling/${campaignId}/items?ids=${missing.join(",")}`)
      .then((response) => (response.ok ? (response.json() as Promise<{ items: WorkbenchItem[] }>) : { items: [] }))
      .then(({ items: fetched }) => fetched.forEach((held) => items.current.set(held.item.image.id, held)))
      .catch(() => {})
      .finally(() => {
        // What did not arrive may be asked for again.
        for (const id of missing) if (!items.current.has(id)) asked.current.delete(id);
      });
  }, [campaignId, key]);
  return useMemo(() => ({
    take(imageId: number) {
      const held = items.current.get(imageId);
      items.current.delete(imageId);
      return held;
    },
  }), []);
}
