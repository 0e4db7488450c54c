"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { claimNextImagesAction } from "@/lib/actions/labeling";

type State = { kind: "claiming" } | { kind: "empty" } | { kind: "error"; message: string };

/**
 * Claims the annotator's next images through a server action (a POST) and moves on to the first.
 * The page that renders this only reads: a GET, a prefetch or a crawler must never claim work.
 */
export function ClaimNextImage({ campaignId }: { campaignId: number }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "claiming" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    claimNextImagesAction({ campaignId }).then(
      (result) => {
        if (!live) return;
        if (!result.ok) setState({ kind: "error", message: result.error });
        else if (result.data[0] === undefined) setState({ kind: "empty" });
        else router.replace(`/label/${campaignId}/${result.data[0]}`);
      },
      () => live && setState({ kind: "error", message: "The server could not be reached. Try again in a moment." }),
    );
    return () => {
      live = false;
    };
  }, [campaignId, router, attempt]);

  if (state.kind === "claiming") {
    return (
      <p role="status" className="flex items-center justify-center gap-3 text-slate-600">
        <Spinner /> Finding your next image…
      </p>
    );
  }
  return (
    <div className="text-center">
      <h1 className="text-xl font-semibold">{state.kind === "empty" ? "Nothing left to label here" : state.message}</h1>
      {state.kind === "empty" ? (
        <p className="mt-2 text-slate-600">Every image in this campaign has all the annotators it needs, or you have labeled it already.</p>
      ) : (
        <Button className="mt-4" onClick={() => { setState({ kind: "claiming" }); setAttempt((n) => n + 1); }}>
          Try again
        </Button>
      )}
      <Link href="/" className="mt-6 block text-indigo-700 underline">
        Back to my campaigns
      </Link>
    </div>
  );
}
