/**
 * The one place that says what each role may do. Code asks `can(user, permission)`;
 * it never compares role strings.
 */
import { Role as RoleEnum } from "@/lib/generated/prisma/enums";

export const ROLES = Object.values(RoleEnum);
export type Role = RoleEnum;

export const PERMISSIONS = [
  /** Change one's own password. */
  "account:own",
  /** Label images in campaigns one is a member of. */
  "labeling:work",
  /** See every decision on an image and agreement statistics. */
  "review:read",
  /** Settle disagreements into a consensus. */
  "review:resolve",
  /** Create, edit and close campaigns. */
  "campaign:manage",
  /** Import datasets, label sources, predictions. */
  "data:import",
  /** Export consensus labels and evaluate models. */
  "data:export",
  /** Create users, change roles, disable accounts. */
  "user:manage",
  /** Read operational metrics (/api/metrics); Prometheus uses a bearer token instead. */
  "system:monitor",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ANNOTATOR: ["account:own", "labeling:work"],
  REVIEWER: ["account:own", "labeling:work", "review:read", "review:resolve", "data:export"],
  ADMIN: PERMISSIONS,
};

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return user ? ROLE_PERMISSIONS[user.role].includes(permission) : false;
}
