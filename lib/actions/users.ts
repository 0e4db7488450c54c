"use server";

import { changeOwnPassword, generatePassword, resetPassword, setUserActive, setUserRole } from "@/lib/accounts/manage-users";
import { defineAction } from "@/lib/actions/define-action";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import {
  changePasswordSchema,
  createUserFormSchema,
  newUserSchema,
  resetPasswordSchema,
  setUserActiveSchema,
  setUserRoleSchema,
} from "@/lib/validation/user";

/** Creates a user; without a password one is generated and returned once (it is stored only as a hash). */
export const createUserAction = defineAction("user:manage", createUserFormSchema, async (input, admin) => {
  const generated = input.password ? null : generatePassword();
  const parsed = newUserSchema.safeParse({ ...input, password: input.password ?? generated });
  if (!parsed.success) throw new ExpectedError(parsed.error.issues[0]!.message);
  const user = await createUser(db, parsed.data, admin.id);
  return { id: user.id, email: user.email, generatedPassword: generated };
});

export const setUserActiveAction = defineAction("user:manage", setUserActiveSchema, async (input, admin) => {
  await setUserActive(db, admin.id, input.userId, input.active);
  return null;
});

export const setUserRoleAction = defineAction("user:manage", setUserRoleSchema, async (input, admin) => {
  await setUserRole(db, admin.id, input.userId, input.role);
  return null;
});

export const resetPasswordAction = defineAction("user:manage", resetPasswordSchema, async (input, admin) => ({
  generatedPassword: await resetPassword(db, admin.id, input.userId, input.password || undefined),
}));

export const changeOwnPasswordAction = defineAction("account:own", changePasswordSchema, async (input, user) => {
  await changeOwnPassword(db, user.id, input.currentPassword, input.newPassword);
  return null;
});
