import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { type ActionBody, runAction } from "@/lib/actions/run-action";
import type { Permission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getCurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

/**
 * Every server action is defined through here. Server actions are public endpoints: the user
 * is re-read from the database on each call (role and active flag), so no check is left to the
 * UI or the proxy. `name` labels the action in logs and latency metrics (the permission otherwise).
 */
export function defineAction<S extends z.ZodType, O>(
  permission: Permission,
  schema: S,
  body: ActionBody<z.output<S>, O>,
  name?: string,
): (input: z.input<S>) => Promise<ActionResult<O>> {
  return async (input) => {
    // The proxy stamps every request with an id (or keeps the load balancer's), so one id follows a request through the logs.
    const requestId = (await headers()).get("x-request-id") ?? randomUUID();
    return runAction(await getCurrentUser(), permission, schema, body, input, { action: name, requestId, onDenied: auditDenial });
  };
}

function auditDenial(user: { id: number; role: string }, permission: Permission) {
  return recordAudit(db, { userId: user.id, action: "permission.denied", entity: "action", details: { permission, role: user.role } });
}
