import { can, type Permission, type Role } from "@/lib/auth/permissions";

export interface AdminPage {
  href: string;
  label: string;
  /** The permission the page itself requires, so a link is shown only to who may open it. */
  permission: Permission;
}

/** The admin area's pages, in the order the header menu and the /admin page list them. */
export const ADMIN_PAGES: readonly AdminPage[] = [
  { href: "/admin", label: "Overview", permission: "data:import" },
  { href: "/admin/campaigns", label: "Campaigns", permission: "campaign:manage" },
  { href: "/admin/imports", label: "Imports", permission: "data:import" },
  { href: "/admin/exports", label: "Exports", permission: "data:export" },
  { href: "/admin/jobs", label: "Jobs", permission: "system:monitor" },
  { href: "/admin/users", label: "Users", permission: "user:manage" },
  { href: "/admin/audit", label: "Audit", permission: "user:manage" },
  { href: "/admin/evaluation", label: "Evaluation", permission: "data:export" },
  { href: "/admin/analytics", label: "Analytics", permission: "data:export" },
  { href: "/admin/images", label: "Suspect images", permission: "review:read" },
];

export const adminPagesFor = (user: { role: Role }) => ADMIN_PAGES.filter((page) => can(user, page.permission)).map(({ href, label }) => ({ href, label }));
