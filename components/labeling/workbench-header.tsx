import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { SaveState } from "@/components/labeling/save-state";
import { useSubmitProgress } from "@/components/labeling/use-submit-progress";
import type { AutosaveStatus } from "@/lib/labeling/autosave";
import type { SubmitQueueProgress } from "@/lib/labeling/submit-queue";

export interface WorkbenchHeaderProps {
  campaignName: string;
  fileKey: string;
  progress?: { done: number; total: number };
  saveStatus: AutosaveStatus;
  dirty: boolean;
  /** The submits the server has not acknowledged yet. */
  sending?: SubmitQueueProgress;
  /** A submit of this image failed: the decision is not saved, whatever the draft's state. */
  submitFailed?: boolean;
  onHelp: () => void;
}

export function WorkbenchHeader({ campaignName, fileKey, progress, saveStatus, dirty, sending, submitFailed, onHelp }: WorkbenchHeaderProps) {
  // Subscribed here, the one place that shows it: the queue's changes re-render the header only.
  const { pending } = useSubmitProgress(sending);
  const percent = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
      <div className="flex min-w-0 items-center gap-3">
        <p className="truncate text-sm font-medium text-slate-600" title={campaignName}>
          {campaignName}
        </p>
        {progress ? (
          <div className="flex shrink-0 items-center gap-2">
            <div
              role="progressbar"
              aria-label="Campaign progress"
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
              className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full bg-indigo-600" style={{ width: `${percent}%` }} />
            </div>
            <span className="text-sm text-slate-600 tabular-nums">
              {progress.done.toLocaleString("en-US")} / {progress.total.toLocaleString("en-US")}
            </span>
          </div>
        ) : null}
      </div>
      <h1 className="min-w-0 flex-1 truncate text-center font-mono text-[15px] font-semibold text-slate-900" title={fileKey}>
        {fileKey}
      </h1>
      <SaveState status={saveStatus} dirty={dirty} sending={pending} submitFailed={submitFailed} />
      <Button variant="ghost" size="sm" onClick={onHelp} title="Keyboard shortcuts (?)">
        Shortcuts <Kbd aria-hidden>?</Kbd>
      </Button>
    </header>
  );
}
