"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createDecisionStore, type DecisionState, type DecisionStore } from "@/lib/labeling/decision-store";
import { createViewStore, type ViewState, type ViewStore } from "@/lib/labeling/view-store";
import type { DraftContent } from "@/lib/validation/labeling";

interface SessionStores {
  decision: DecisionStore;
  view: ViewStore;
}

const SessionContext = createContext<SessionStores | null>(null);

/**
 * One labeling session = one image: its decision store and view store. Render it with
 * `key={image id}` so that moving to the next image starts fresh stores instead of leaking
 * undo history across images.
 */
export function LabelingSessionProvider({ initial, children }: { initial: DraftContent; children: ReactNode }) {
  const [stores] = useState<SessionStores>(() => ({ decision: createDecisionStore(initial), view: createViewStore() }));
  return <SessionContext value={stores}>{children}</SessionContext>;
}

export function useSessionStores(): SessionStores {
  const stores = useContext(SessionContext);
  if (!stores) throw new Error("Labeling components must be rendered inside <LabelingSessionProvider>.");
  return stores;
}

export function useDecision<T>(selector: (state: DecisionState) => T): T {
  return useStore(useSessionStores().decision, selector);
}

export function useView<T>(selector: (state: ViewState) => T): T {
  return useStore(useSessionStores().view, selector);
}
