import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { findActiveUser, type SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db";

/** The signed-in, still active user, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (typeof session?.uid !== "number") return null;
  return findActiveUser(db, session.uid);
});

/** For pages: signed-out users go to sign-in; users without the permission get a 404, which reveals nothing. */
export async function requirePagePermission(permission: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (!can(user, permission)) notFound();
  return user;
}

export async function requireSignedIn(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
