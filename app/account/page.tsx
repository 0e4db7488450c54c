import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/accounts/change-password-form";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePagePermission("account:own");
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <p className="text-sm text-slate-600">
        Signed in as {user.email} ({user.role.toLowerCase()}).
      </p>
      <ChangePasswordForm />
    </main>
  );
}
