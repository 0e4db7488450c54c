import { z } from "zod";
import { checkPassword } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/auth/permissions";
import { coercedIdSchema } from "@/lib/validation/id";
import { cleanText } from "@/lib/validation/text";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "That email is too long.")
  .pipe(z.email("Enter a valid email address."));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

const nameSchema = cleanText({ field: "the name", min: 1, minMessage: "Enter a name.", max: 120, maxMessage: "Names are at most 120 characters." });
const rawPasswordSchema = z.string().max(1024, "That password is too long.");
export const roleSchema = z.enum(ROLES);
export const userIdSchema = coercedIdSchema;

/** The password rule needs the user's email and name, so it runs on the whole object and reports on `password`. */
function passwordRule(value: { password: string }, ctx: z.core.$RefinementCtx<unknown>, userInputs: string[]) {
  const verdict = checkPassword(value.password, userInputs);
  if (!verdict.ok) ctx.addIssue({ code: "custom", path: ["password"], message: verdict.message });
}

export const newUserSchema = z
  .object({ email: emailSchema, name: nameSchema, role: roleSchema, password: rawPasswordSchema })
  .superRefine((value, ctx) => passwordRule(value, ctx, [value.email, value.name]));
export type NewUser = z.infer<typeof newUserSchema>;

/** Admin creating a user in the app: either a password that passes the policy, or none and one is generated and shown once. */
export const createUserFormSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  password: rawPasswordSchema.optional(),
});

export const setUserActiveSchema = z.object({ userId: userIdSchema, active: z.boolean() });
export const setUserRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
/** No password: the server generates one and shows it once. */
export const resetPasswordSchema = z.object({ userId: userIdSchema, password: rawPasswordSchema.optional() });
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: rawPasswordSchema,
});
