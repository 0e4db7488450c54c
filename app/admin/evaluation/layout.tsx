import { requirePagePermission } from "@/lib/auth/session";

/**
 * The permission check runs here, before the loading boundary: once a page streams, its status
 * is already 200, and a user without data:export must get a real 404.
 */
export default async function ExportAreaLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("data:export");
  return children;
}
