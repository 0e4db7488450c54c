"use client";

import { Button } from "@/components/ui/button";
import { StatusPanel, statusLinkClass } from "@/components/ui/status-panel";

/**
 * What app/error.tsx and app/global-error.tsx show. In production the browser only receives a
 * digest, never the server's message; the detail is in the server log under that digest.
 */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <StatusPanel
      title="Something went wrong"
      actions={
        <>
          <Button variant="primary" onClick={() => retry()}>
            Try again
          </Button>
          <a href="/" className={statusLinkClass}>
            Go to the home page
          </a>
        </>
      }
    >
      <p>Relabel could not show this page. This is usually over in a moment: try again shortly.</p>
      <p>If it keeps happening, tell your administrator{digest ? <> and quote the reference <code className="text-sm text-slate-800">{digest}</code></> : null}.</p>
    </StatusPanel>
  );
}
