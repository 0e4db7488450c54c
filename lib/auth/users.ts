import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
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
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid-credentials" | "disabled" };

export async function authenticate(db: Db, email: string, password: string): Promise<AuthenticationResult> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid-credentials" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid-credentials" };
  // Only someone who knows the password learns that the account is disabled.
  if (!user.active) return { ok: false, reason: "disabled" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The user behind a session, re-read on every request so a role change or a disabled account takes effect at once. */
export async function findActiveUser(db: Db, id: number): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user?.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export class DuplicateEmailError extends ExpectedError {
  constructor(email: string) {
    super(`A user with the email ${email} already exists.`);
  }
}

export async function createUser(db: Db, input: NewUser): Promise<SessionUser> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new DuplicateEmailError(input.email);
  const user = await db.user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, name: true, role: true },
  });
  await db.auditLog.create({
    data: { action: "user.create", entity: "user", entityId: String(user.id), details: { role: user.role } },
  });
  return user;
}
