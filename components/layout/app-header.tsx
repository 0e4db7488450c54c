import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AdminMenu } from "@/components/layout/admin-menu";
import { adminPagesFor } from "@/components/layout/admin-pages";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";

export async function AppHeader() {
  // The page below reads the same (cached) user and fails too, so app/error.tsx reports it inside
  // this layout; a header that threw would take the whole document down to global-error instead.
  const user = await getCurrentUser().catch(() => null);
  const admin = can(user, "data:import");
  const links = [
    { href: "/", label: "My campaigns", shown: true },
    { href: "/review", label: "Review", shown: can(user, "review:read") },
    { href: "/review/agreement", label: "Agreement", shown: can(user, "review:read") },
    { href: "/duplicates", label: "Duplicates", shown: can(user, "review:read") },
    // Reviewers open a few admin-area pages (exports, evaluation, analytics, suspect images) without
    // the rest of it: those are links of their own; an admin finds every one under Admin.
    ...(user && !admin ? adminPagesFor(user).map((page) => ({ ...page, shown: true })) : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-12 max-w-[1920px] items-center gap-6 px-4 text-sm">
        <Link href="/" className="font-semibold tracking-tight text-slate-900">
          Relabel
        </Link>
        {user && (
          <>
            {links
              .filter((link) => link.shown)
              .map((link) => (
                <Link key={link.href} href={link.href} className="text-slate-600 hover:text-slate-900">
                  {link.label}
                </Link>
              ))}
            {/* An admin's many pages sit under one entry, so the header stays one short line. */}
            {admin && <AdminMenu pages={adminPagesFor(user)} />}
            <span className="ml-auto flex items-center gap-3 text-slate-600">
              <Link href="/account" className="hover:text-slate-900">
                {user.name} <span className="text-slate-500">· {user.role.toLowerCase()}</span>
              </Link>
              <SignOutButton />
            </span>
          </>
        )}
      </nav>
    </header>
  );
}
