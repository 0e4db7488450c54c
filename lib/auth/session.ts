import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { findActiveUser, type SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db";

/** The signed-in, still active user whose session was not revoked, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  // Tokens issued before session versions existed carry none: they are ended too.
  if (typeof session?.uid !== "number" || typeof session.sv !== "number") return null;
  return findActiveUser(db, session.uid, session.sv);
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
