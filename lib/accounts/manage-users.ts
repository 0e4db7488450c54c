import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/password-policy";
import type { Role } from "@/lib/auth/permissions";
import { endAllSessions } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";

/*
 * Account changes made by an admin (app or CLI; `actorId` null from the CLI). Each runs in one
 * transaction with its audit entry; every change that narrows what a user may do ends their sessions.
 */

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export class LastAdminError extends ExpectedError {
  constructor() {
    super("This is the last active admin: make another user an admin first.");
  }
}

// Any constant: every transaction that may remove an admin takes it, so two concurrent demotions
// of the last two admins run one after the other and the second sees the first one's result.
const ADMIN_SET_LOCK = 72707370;

async function lockTarget(tx: Tx, userId: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user) throw new NotFoundError("That user");
  return user;
}

/** Refuses a change that would leave no active admin; call with the lock held. */
async function keepAnAdmin(tx: Tx, target: { id: number; role: Role; active: boolean }, after: { role: Role; active: boolean }) {
  const removesAnAdmin = target.role === "ADMIN" && target.active && (after.role !== "ADMIN" || !after.active);
  if (!removesAnAdmin) return;
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: target.id } } });
  if (others === 0) throw new LastAdminError();
}

export async function setUserActive(db: Db, actorId: number | null, userId: number, active: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await lockTarget(tx, userId);
    if (user.active === active) return;
    await keepAnAdmin(tx, user, { role: user.role, active });
    await tx.user.update({ where: { id: userId }, data: { active } });
    if (!active) await endAllSessions(tx, userId);
    await recordAudit(tx, { userId: actorId, action: active ? "user.enable" : "user.disable", entity: "user", entityId: userId, details: { email: user.email } });
  });
}

export async function setUserRole(db: Db, actorId: number | null, userId: number, role: Role): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await lockTarget(tx, userId);
    if (user.role === role) return;
    await keepAnAdmin(tx, user, { role, active: user.active });
    await tx.user.update({ where: { id: userId }, data: { role } });
    // Promotions end sessions too: one rule is easier to reason about than "only demotions".
    await endAllSessions(tx, userId);
    await recordAudit(tx, { userId: actorId, action: "user.role", entity: "user", entityId: userId, details: { email: user.email, from: user.role, to: role } });
  });
}

/** A password shown once to the admin: 20 random base64url characters (120 bits), far above the policy. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

/** Sets a new password (checked against the policy) or generates one; returns the generated one, or null. */
export async function resetPassword(db: Db, actorId: number | null, userId: number, password?: string): Promise<string | null> {
  const target = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
  if (!target) throw new NotFoundError("That user");
  const generated = password ? null : generatePassword();
  const chosen = password ?? generated!;
  const verdict = checkPassword(chosen, [target.email, target.name]);
  if (!verdict.ok) throw new ExpectedError(verdict.message);
  const passwordHash = await hashPassword(chosen);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await endAllSessions(tx, userId);
    await recordAudit(tx, { userId: actorId, action: "user.password-reset", entity: "user", entityId: userId, details: { email: target.email, generated: generated !== null } });
  });
  return generated;
}

/** A user changing their own password; ends all their sessions, this one included. */
export async function changeOwnPassword(db: Db, userId: number, currentPassword: string, newPassword: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) throw new ExpectedError("Your current password is not correct.");
  const verdict = checkPassword(newPassword, [user.email, user.name]);
  if (!verdict.ok) throw new ExpectedError(verdict.message);
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await endAllSessions(tx, userId);
    await recordAudit(tx, { userId, action: "user.password-change", entity: "user", entityId: userId });
  });
}
