import type { Metadata } from "next";
import Link from "next/link";
import { CreateUserForm } from "@/components/accounts/create-user-form";
import { UserActions } from "@/components/accounts/user-actions";
import { Badge } from "@/components/ui/badge";
import { requirePagePermission } from "@/lib/auth/session";
import { getUsersForAdmin } from "@/lib/data/admin-accounts";

export const metadata: Metadata = { title: "Users" };

const formatTime = (at: Date | null) => (at ? at.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export default async function UsersPage() {
  const admin = await requirePagePermission("user:manage");
  const users = await getUsersForAdmin();
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <Link href="/admin/audit?entity=user" className="ml-auto text-sm text-indigo-700 hover:underline">
          Account changes in the audit log
        </Link>
      </div>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Every user, with role, state and last sign-in</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">User</th>
              <th scope="col" className="px-4 py-2 font-medium">State</th>
              <th scope="col" className="px-4 py-2 font-medium">Last sign-in</th>
              <th scope="col" className="px-4 py-2 font-medium">Role and actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id} className="align-top">
                <th scope="row" className="px-4 py-3 font-normal">
                  <span className="block font-medium text-slate-900">{user.name}</span>
                  <span className="text-slate-600">{user.email}</span>
                  {user.id === admin.id && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                </th>
                <td className="px-4 py-3">
                  <Badge tone={user.active ? "success" : "neutral"}>{user.active ? "active" : "disabled"}</Badge>
                </td>
                <td className="px-4 py-3 text-slate-600">{formatTime(user.lastSignInAt)}</td>
                <td className="px-4 py-3">
                  <UserActions user={user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="new-user" className="space-y-3">
        <h2 id="new-user" className="text-lg font-semibold">New user</h2>
        <CreateUserForm />
      </section>
    </main>
  );
}
