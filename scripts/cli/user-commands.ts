import { type Command, Option } from "commander";
import { listUsers } from "@/lib/accounts/list-users";
import { resetPassword, setUserActive, setUserRole } from "@/lib/accounts/manage-users";
import { ROLES } from "@/lib/auth/permissions";
import { createUser } from "@/lib/auth/users";
import { createDb, type Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { emailSchema, newUserSchema, roleSchema } from "@/lib/validation/user";
import { withDatabase } from "@/scripts/cli/with-database";

/*
 * `relabel user …`: the same account changes as /admin/users, through the same functions, audited
 * with no actor (user_id null: whoever can run the CLI on the server is the operator).
 */

const roleChoices = ROLES.map((role) => role.toLowerCase());

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  return withDatabase(async ({ url }) => {
    const db = createDb(url);
    try {
      return await work(db);
    } finally {
      await db.$disconnect();
    }
  });
}

async function userByEmail(db: Db, raw: string) {
  const email = emailSchema.safeParse(raw);
  const user = email.success ? await db.user.findUnique({ where: { email: email.data }, select: { id: true, email: true } }) : null;
  if (!user) throw new ExpectedError(`No user with the email ${raw}.`);
  return user;
}

const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");

function print(json: boolean | undefined, value: object, text: string) {
  console.log(json ? JSON.stringify(value) : text);
}

export function registerUserCommands(program: Command) {
  const user = program.command("user").description("Manage users (every change is audited and ends the user's sessions where it narrows their access).");

  user
    .command("create")
    .description("Create a user who signs in with email and password (the password must pass the strength check).")
    .requiredOption("--email <email>", "sign-in email")
    .addOption(new Option("--role <role>", "what the user may do").choices(roleChoices).default("annotator"))
    .option("--name <name>", "display name (default: the part of the email before @)")
    .option("--password <password>", "initial password (default: read from RELABEL_PASSWORD, so it stays out of shell history)")
    .action(async (options: { email: string; role: string; name?: string; password?: string }) => {
      const parsed = newUserSchema.safeParse({
        email: options.email,
        name: options.name ?? options.email.split("@")[0],
        role: options.role.toUpperCase(),
        password: options.password ?? process.env.RELABEL_PASSWORD ?? "",
      });
      if (!parsed.success) throw new ExpectedError(issuesOf(parsed.error));
      const created = await withDb((db) => createUser(db, parsed.data));
      console.log(JSON.stringify({ id: created.id, email: created.email, role: created.role }));
    });

  user
    .command("list")
    .description("Every user with role, state and last sign-in.")
    .option("--json", "print one JSON array (stable format, see README)")
    .action(async (options: { json?: boolean }) => {
      const users = await withDb(listUsers);
      if (options.json) return console.log(JSON.stringify(users));
      for (const row of users) {
        const seen = row.lastSignInAt ? row.lastSignInAt.toISOString() : "never signed in";
        console.log(`${String(row.id).padStart(5)}  ${row.role.toLowerCase().padEnd(9)} ${row.active ? "active  " : "disabled"}  ${row.email}  (${seen})`);
      }
    });

  for (const [name, active] of [["disable", false], ["enable", true]] as const) {
    user
      .command(`${name} <email>`)
      .description(active ? "Let a disabled user sign in again." : "Stop a user from signing in and end their sessions.")
      .option("--json", "print one JSON object")
      .action(async (email: string, options: { json?: boolean }) => {
        const target = await withDb(async (db) => {
          const found = await userByEmail(db, email);
          await setUserActive(db, null, found.id, active);
          return found;
        });
        print(options.json, { id: target.id, email: target.email, active }, `${target.email} is ${active ? "enabled" : "disabled"}.`);
      });
  }

  user
    .command("role <email> <role>")
    .description(`Change a user's role (${roleChoices.join(", ")}); ends their sessions. The last active admin keeps the role.`)
    .option("--json", "print one JSON object")
    .action(async (email: string, rawRole: string, options: { json?: boolean }) => {
      const role = roleSchema.safeParse(rawRole.toUpperCase());
      if (!role.success) throw new ExpectedError(`The role must be one of: ${roleChoices.join(", ")}.`);
      const target = await withDb(async (db) => {
        const found = await userByEmail(db, email);
        await setUserRole(db, null, found.id, role.data);
        return found;
      });
      print(options.json, { id: target.id, email: target.email, role: role.data }, `${target.email} is now ${role.data.toLowerCase()}.`);
    });

  user
    .command("reset-password <email>")
    .description("Set a new password (checked like any other) or generate one, shown once; ends the user's sessions.")
    .option("--password <password>", "the new password (default: RELABEL_PASSWORD)")
    .option("--generate", "generate a random password and print it once")
    .option("--json", "print one JSON object")
    .action(async (email: string, options: { password?: string; generate?: boolean; json?: boolean }) => {
      const password = options.generate ? undefined : (options.password ?? process.env.RELABEL_PASSWORD);
      if (!options.generate && !password) throw new ExpectedError("Give --password, set RELABEL_PASSWORD, or use --generate.");
      const { target, generated } = await withDb(async (db) => {
        const found = await userByEmail(db, email);
        return { target: found, generated: await resetPassword(db, null, found.id, password) };
      });
      print(
        options.json,
        { id: target.id, email: target.email, generatedPassword: generated },
        generated ? `New password for ${target.email} (shown once): ${generated}` : `The password of ${target.email} is changed.`,
      );
    });
}
