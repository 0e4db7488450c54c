"use client";

import { useEffect, useMemo, useRef } from "react";
import type { WorkbenchItem } from "@/lib/labeling/types";

export interface HeldItems {
  /** The item if its data is here; handed over once. */
  take(imageId: number): WorkbenchItem | undefined;
  /** The item once its data has arrived, fetching it if nobody asked yet; undefined if it could not be had. */
  arrival(imageId: number): Promise<WorkbenchItem | undefined>;
}

/**
 * The workbench data of the images the annotator holds next, fetched (a GET that claims nothing)
 * while they look at the current one, so a submit can swap to the next image at once. An item is
 * handed over once: data kept longer could show a draft edited since in another tab. Failures are
 * ignored: without the data the screen falls back to a server render.
 */
export function useHeldItems(campaignId: number, upcoming: readonly number[]): HeldItems {
  const items = useRef(new Map<number, WorkbenchItem>());
  const inFlight = useRef(new Map<number, Promise<void>>());
  const held = useMemo(() => {
    const fetchItems = (ids: number[]) => {
      const missing = ids.filter((id) => !items.current.has(id) && !inFlight.current.has(id));
      if (missing.length === 0) return;
      // Not aborted when the list moves on: the next list usually still holds these images.
      const fetched = fetch(`/api/labeling/${campaignId}/items?ids=${missing.join(",")}`)
        .then((response) => (response.ok ? (response.json() as Promise<{ items: WorkbenchItem[] }>) : { items: [] }))
        .then(({ items: arrived }) => arrived.forEach((item) => items.current.set(item.item.image.id, item)))
        .catch(() => {})
        // What did not arrive may be asked for again.
        .finally(() => missing.forEach((id) => inFlight.current.delete(id)));
      for (const id of missing) inFlight.current.set(id, fetched);
    };
    const take = (imageId: number) => {
      const item = items.current.get(imageId);
      items.current.delete(imageId);
      return item;
    };
    return {
      fetchItems,
      take,
      async arrival(imageId: number) {
        fetchItems([imageId]);
        await inFlight.current.get(imageId);
        return take(imageId);
      },
    };
  }, [campaignId]);
  const key = upcoming.join(",");
  useEffect(() => held.fetchItems(key.split(",").filter(Boolean).map(Number)), [held, key]);
  return held;
}
