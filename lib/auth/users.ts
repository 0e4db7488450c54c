import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import type { NewUser } from "@/lib/validation/user";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export type AuthenticationResult =
  | { ok: true; user: SessionUser; sessionVersion: number }
  | { ok: false; reason: "invalid-credentials" | "disabled"; userId: number | null };

export async function authenticate(db: Db, email: string, password: string): Promise<AuthenticationResult> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid-credentials", userId: user?.id ?? null };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid-credentials", userId: user.id };
  // Only someone who knows the password learns that the account is disabled.
  if (!user.active) return { ok: false, reason: "disabled", userId: user.id };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionVersion: user.sessionVersion };
}

/**
 * The user behind a session, re-read on every request so a role change or a disabled account
 * takes effect at once. `sessionVersion` is the one the token was issued with: sign-out, disable,
 * role and password changes bump the user's, which ends every session issued before.
 */
export async function findActiveUser(db: Db, id: number, sessionVersion: number): Promise<SessionUser | null> {
  // Raw SQL: Prisma's model query cost twice its plain statement, on every request of every user.
  const [user] = await db.$queryRaw<(SessionUser & { active: boolean; sessionVersion: number })[]>`
    SELECT id, email, name, role::text AS role, active, session_version AS "sessionVersion" FROM users WHERE id = ${id}`;
  if (!user?.active || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export class DuplicateEmailError extends ExpectedError {
  constructor(email: string) {
    super(`A user with the email ${email} already exists.`);
  }
}

/** `input` has passed newUserSchema (the password policy); `actorId` is the admin creating it, null from the CLI. */
export async function createUser(db: Db, input: NewUser, actorId: number | null = null): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new DuplicateEmailError(input.email);
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAudit(tx, { userId: actorId, action: "user.create", entity: "user", entityId: user.id, details: { email: user.email, role: user.role } });
    return user;
  });
}
