"use client";

import { useEffect, useState } from "react";
import { CancelJobButton } from "@/components/admin/cancel-job-button";
import { JobProgress, JobStatusBadge } from "@/components/admin/job-status";
import { cancelImportAction } from "@/lib/actions/imports";
import type { ImportValidation } from "@/lib/data/jobs";

const POLL_MS = 1000;

const settled = (validation: ImportValidation | null) => validation !== null && validation.status !== "QUEUED" && validation.status !== "RUNNING";

/**
 * Follows a queued validation until it settles, by reading its job from any app server once a
 * second (a validation runs on whichever worker is free, and keeps its result on the job).
 */
function useImportValidation(jobId: number) {
  const [validation, setValidation] = useState<ImportValidation | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const response = await fetch(`/api/imports/validations/${jobId}`, { cache: "no-store" }).catch(() => null);
      if (stopped) return;
      if (response?.status === 404) return setMissing(true);
      const next = response?.ok ? ((await response.json()) as ImportValidation) : null;
      if (stopped) return;
      if (next) setValidation(next);
      // A failed read (a server restarting) is simply asked again.
      if (!settled(next)) timer = setTimeout(poll, POLL_MS);
    };
    // The first read waits one interval: the action that queued the job has just said it is queued.
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);
  return { validation, missing };
}

/** A queued validation's progress, then what the import would store or what is wrong with it. */
export function ImportValidationView({ jobId, existing }: { jobId: number; existing: boolean }) {
  const { validation, missing } = useImportValidation(jobId);
  if (missing) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {`Validation #${jobId} was not found.`}
      </p>
    );
  }
  if (validation?.status === "FAILED") {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {validation.message}
      </p>
    );
  }
  if (validation?.status === "SUCCEEDED" && validation.summaries) {
    return (
      <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        <p className="font-medium">Valid. Importing would store:</p>
        <ul className="mt-1 list-disc pl-5">
          {validation.summaries.map((summary, i) => (
            <li key={i}>
              {summary.kind}
              {summary.source ? ` (source ${summary.source})` : ""}: {summary.stored.toLocaleString("en")} rows
              {summary.notInDataset ? `, ${summary.notInDataset.toLocaleString("en")} naming images outside the dataset` : ""}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (validation?.status === "CANCELLED") {
    return (
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {`Validation #${jobId} was cancelled.`}
      </p>
    );
  }
  const state = validation ?? { status: "QUEUED" as const, done: 0, total: 0, message: existing ? "The same validation is already queued or running" : "Waiting for a worker", cancelRequested: false };
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
      <span className="font-medium">{`Validation #${jobId}`}</span>
      <JobStatusBadge status={state.status} cancelling={state.cancelRequested} />
      <span>
        <JobProgress job={state} label={`Validation ${jobId} progress`} />
      </span>
      {!state.cancelRequested && <CancelJobButton action={cancelImportAction} input={{ jobId }} label={`Cancel validation ${jobId}`} />}
    </div>
  );
}
