"use client";

import { signOut } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { fieldClass } from "@/components/accounts/field-class";
import { Button } from "@/components/ui/button";
import { changeOwnPasswordAction } from "@/lib/actions/users";

/** Changing one's password ends every session, this one too: the user signs in again with the new password. */
export function ChangePasswordForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await changeOwnPasswordAction({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    if (!result.ok) {
      setBusy(false);
      setError(Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error);
      return;
    }
    await signOut({ callbackUrl: "/sign-in" });
  }

  return (
    <form onSubmit={submit} aria-label="Change password" className="max-w-md space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <label className="block text-sm font-medium">
        Current password
        <input name="currentPassword" type="password" required autoComplete="current-password" className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        New password
        <input name="newPassword" type="password" required autoComplete="new-password" aria-describedby="new-password-hint" className={fieldClass} />
        <span id="new-password-hint" className="mt-1 block text-xs font-normal text-slate-500">
          At least 10 characters and hard to guess; several unrelated words work well. You will sign in again on every device.
        </span>
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
