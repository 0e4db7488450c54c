import type { JobStatus } from "@/lib/generated/prisma/enums";

/**
 * Queued or running: shown with progress and Cancel, and refreshed live. Its own module, free of
 * server code, because client widgets (the job badges, the validation panel) ask it too.
 */
export const isActiveJob = (job: { status: JobStatus } | null) => job?.status === "QUEUED" || job?.status === "RUNNING";
