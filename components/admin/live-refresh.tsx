"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";

/**
 * Re-renders the server page `intervalMs` after the previous render arrived (a running import's
 * progress). Waiting for it matters on a loaded server: a refresh every `intervalMs` regardless
 * replaced each render still in flight with the next, and the page never changed.
 */
export function LiveRefresh({ intervalMs }: { intervalMs: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (pending) return;
    const timer = setTimeout(() => startTransition(() => router.refresh()), intervalMs);
    return () => clearTimeout(timer);
  }, [pending, router, intervalMs]);
  return null;
}
