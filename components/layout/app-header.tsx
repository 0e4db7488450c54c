import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";

export async function AppHeader() {
  // The page below reads the same (cached) user and fails too, so app/error.tsx reports it inside
  // this layout; a header that threw would take the whole document down to global-error instead.
  const user = await getCurrentUser().catch(() => null);
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-12 max-w-[1920px] items-center gap-6 px-4 text-sm">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          Relabel
        </Link>
        {user && (
          <>
            <Link href="/" className="text-slate-600 hover:text-slate-900">
              My campaigns
            </Link>
            {can(user, "review:read") && <Link href="/duplicates" className="text-slate-600 hover:text-slate-900">Duplicates</Link>}
            {can(user, "data:import") && (
              <Link href="/admin" className="text-slate-600 hover:text-slate-900">
                Admin
              </Link>
            )}
            <span className="ml-auto flex items-center gap-3 text-slate-600">
              <span>
                {user.name} <span className="text-slate-400">· {user.role.toLowerCase()}</span>
              </span>
              <SignOutButton />
            </span>
          </>
        )}
      </nav>
    </header>
  );
}
