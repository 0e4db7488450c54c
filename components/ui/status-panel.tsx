import type { ReactNode } from "react";

/**
 * A page that says what happened in plain sentences (not found, something failed) and offers the
 * way on. No hooks, so server pages and client error boundaries can both render it.
 */
export function StatusPanel({ title, children, actions }: { title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main className="mx-auto mt-24 max-w-md px-4">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <div className="mt-2 space-y-2 text-slate-600">{children}</div>
        <div className="mt-6 flex flex-wrap items-center gap-3">{actions}</div>
      </div>
    </main>
  );
}

/** Styled like a secondary Button; a plain anchor, so it works even when the client router does not. */
export const statusLinkClass =
  "inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
