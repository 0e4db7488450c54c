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
            {can(user, "review:read") && (
              <>
                <Link href="/review" className="text-slate-600 hover:text-slate-900">
                  Review
                </Link>
                <Link href="/review/agreement" className="text-slate-600 hover:text-slate-900">
                  Agreement
                </Link>
              </>
            )}
            {can(user, "review:read") && <Link href="/duplicates" className="text-slate-600 hover:text-slate-900">Duplicates</Link>}
            {can(user, "data:import") && (
              <Link href="/admin" className="text-slate-600 hover:text-slate-900">
                Admin
              </Link>
            )}
            {can(user, "data:export") && (
              <Link href="/admin/exports" className="text-slate-600 hover:text-slate-900">
                Exports
              </Link>
            )}
            {/* Reviewers may evaluate and read analytics without the rest of the admin area. */}
            {can(user, "data:export") && !can(user, "data:import") && (
              <Link href="/admin/evaluation" className="text-slate-600 hover:text-slate-900">
                Evaluation
              </Link>
            )}
            <span className="ml-auto flex items-center gap-3 text-slate-600">
              <Link href="/account" className="hover:text-slate-900">
                {user.name} <span className="text-slate-400">· {user.role.toLowerCase()}</span>
              </Link>
              <SignOutButton />
            </span>
          </>
        )}
      </nav>
    </header>
  );
}
