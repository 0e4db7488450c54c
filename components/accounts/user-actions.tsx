"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldClass } from "@/components/accounts/field-class";
import { GeneratedPassword } from "@/components/accounts/generated-password";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { resetPasswordAction, setUserActiveAction, setUserRoleAction } from "@/lib/actions/users";
import { ROLES, type Role } from "@/lib/auth/permissions";

interface Props {
  user: { id: number; email: string; role: Role; active: boolean };
}

/** Per-user controls in /admin/users: role, enable/disable, password reset. Errors (the last admin rule) show beside them. */
export function UserActions({ user }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string; password?: string } | null>(null);
  const [resetting, setResetting] = useState(false);

  async function run<T>(call: () => Promise<ActionResult<T>>, done: (data: T) => { text: string; password?: string }) {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setMessage(result.ok ? { tone: "info", ...done(result.data) } : { tone: "error", text: Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error });
    if (result.ok) router.refresh();
  }

  function changeRole(role: Role) {
    void run(() => setUserRoleAction({ userId: user.id, role }), () => ({ text: `Role changed to ${role.toLowerCase()}; their sessions ended.` }));
  }

  function reset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    void run(
      () => resetPasswordAction({ userId: user.id, password: password || undefined }),
      (data) => {
        setResetting(false);
        return { text: "Password reset; their sessions ended.", password: data.generatedPassword ?? undefined };
      },
    );
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={busy}
          onChange={(event) => changeRole(event.target.value as Role)}
          className="h-8 rounded-md border border-slate-300 px-2 text-sm"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role.toLowerCase()}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          variant={user.active ? "danger" : "secondary"}
          disabled={busy}
          aria-label={`${user.active ? "Disable" : "Enable"} ${user.email}`}
          onClick={() => void run(() => setUserActiveAction({ userId: user.id, active: !user.active }), () => ({ text: user.active ? "Disabled; their sessions ended." : "Enabled." }))}
        >
          {user.active ? "Disable" : "Enable"}
        </Button>
        <Button size="sm" variant="ghost" disabled={busy} aria-expanded={resetting} aria-label={`Reset password of ${user.email}`} onClick={() => setResetting(!resetting)}>
          Reset password
        </Button>
      </div>
      {resetting && (
        <form onSubmit={reset} aria-label={`New password for ${user.email}`} className="flex flex-wrap items-end gap-2">
          <label className="text-xs font-medium text-slate-600">
            New password (empty: generate one)
            <input name="password" type="password" autoComplete="new-password" className={`${fieldClass} h-8 py-1`} />
          </label>
          <Button type="submit" size="sm" variant="primary" disabled={busy}>
            Set password
          </Button>
        </form>
      )}
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-sm text-red-700" : "text-sm text-emerald-800"}>
          {message.text}
          {message.password && <GeneratedPassword password={message.password} />}
        </p>
      )}
    </div>
  );
}
