"use client";

import { useEffect, useState } from "react";
import type { ClassSummary } from "@/lib/labeling/types";

// One fetch per page session: moving between images keeps the same array, so the search index
// and class lookup built from it are built once.
let catalog: Promise<ClassSummary[]> | null = null;
let loaded: ClassSummary[] | null = null;

function loadCatalog(): Promise<ClassSummary[]> {
  catalog ??= fetch("/api/classes")
    .then((response) => {
      if (!response.ok) throw new Error(`The class list could not be loaded (${response.status}).`);
      return response.json() as Promise<ClassSummary[]>;
    })
    .then((classes) => (loaded = classes))
    .catch((error: unknown) => {
      catalog = null; // let the next mount try again
      throw error;
    });
  return catalog;
}

/** All classes, or null while they load; `error` when loading failed. */
export function useClassCatalog(): { classes: ClassSummary[] | null; error: string | null } {
  const [classes, setClasses] = useState<ClassSummary[] | null>(loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (classes) return;
    let live = true;
    loadCatalog().then(
      (result) => live && setClasses(result),
      (reason: unknown) => live && setError(reason instanceof Error ? reason.message : "The class list could not be loaded."),
    );
    return () => {
      live = false;
    };
  }, [classes]);
  return { classes, error };
}
