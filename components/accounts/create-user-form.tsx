"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldClass } from "@/components/accounts/field-class";
import { GeneratedPassword } from "@/components/accounts/generated-password";
import { Button } from "@/components/ui/button";
import { createUserAction } from "@/lib/actions/users";
import { ROLES, type Role } from "@/lib/auth/permissions";

/** Create a user; leave the password empty to have one generated and shown once. */
export function CreateUserForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; generatedPassword: string | null } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setBusy(true);
    setError(null);
    // A password shown for an earlier account must not sit beside this attempt's answer.
    setCreated(null);
    const result = await createUserAction({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role")) as Role,
      password: String(form.get("password") ?? "") || undefined,
    });
    setBusy(false);
    if (!result.ok) {
      setError(Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error);
      return;
    }
    setCreated({ email: result.data.email, generatedPassword: result.data.generatedPassword });
    formElement.reset();
    router.refresh();
  }

  return (
    <form onSubmit={submit} aria-label="New user" className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" required autoComplete="off" className={fieldClass} />
        </label>
        <label className="block text-sm font-medium">
          Name
          <input name="name" required autoComplete="off" className={fieldClass} />
        </label>
        <label className="block text-sm font-medium">
          Role
          <select name="role" defaultValue="ANNOTATOR" className={fieldClass}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Initial password
          <input name="password" type="password" autoComplete="new-password" aria-describedby="password-hint" className={fieldClass} />
          <span id="password-hint" className="mt-1 block text-xs font-normal text-slate-500">
            At least 10 characters and hard to guess. Leave empty to generate one.
          </span>
        </label>
      </div>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {created && (
        <div role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Created {created.email}.{created.generatedPassword && <GeneratedPassword password={created.generatedPassword} />}
        </div>
      )}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Creating…" : "Create user"}
      </Button>
    </form>
  );
}
