"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { duplicateNames, indexClasses, type ClassLookup } from "@/lib/labeling/class-lookup";
import { createClassSearchIndex, type ClassSearchIndex } from "@/lib/labeling/class-search";
import type { ClassSummary } from "@/lib/labeling/types";

export interface ClassCatalog {
  lookup: ClassLookup;
  duplicates: ReadonlySet<string>;
  search: ClassSearchIndex;
}

type Cache = { current: { classes: ClassSummary[]; catalog: ClassCatalog } | null };

const CatalogCache = createContext<Cache | null>(null);

/**
 * Holds the class lookup and search index for a whole labeling session. It sits in the campaign's
 * layout, which survives moving from image to image while each image's page mounts afresh, so the
 * indexes over every class are built once per session instead of once per image.
 */
export function ClassCatalogProvider({ children }: { children: ReactNode }) {
  const [cache] = useState<Cache>(() => ({ current: null }));
  return <CatalogCache.Provider value={cache}>{children}</CatalogCache.Provider>;
}

/**
 * The catalog for `classes`, built on first use and reused while the same array comes back.
 * Outside a provider (a workbench rendered alone) the cache lives as long as the component.
 */
export function useClassCatalogIndex(classes: ClassSummary[]): ClassCatalog {
  const shared = useContext(CatalogCache);
  const [own] = useState<Cache>(() => ({ current: null }));
  const cache = shared ?? own;
  // Filling the cache during render is safe: the same array always yields an equivalent catalog.
  if (cache.current?.classes !== classes) {
    cache.current = { classes, catalog: { lookup: indexClasses(classes), duplicates: duplicateNames(classes), search: createClassSearchIndex(classes) } };
  }
  return cache.current.catalog;
}
