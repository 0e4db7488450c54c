import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Permission } from "@/lib/auth/permissions";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { findActiveUser, type SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db";

/**
 * The signed-in, still active user whose session was not revoked, or null. Cached per request.
 * The session cookie is decoded and checked (signature, expiry) with next-auth's own getToken, not
 * getServerSession: that runs next-auth's whole session endpoint on every request (a CSRF token,
 * the callbacks, and a re-encrypted token whose cookie the App Router then throws away), the
 * largest CPU cost of a labeling request after the database. Only the cookie counts, as before:
 * no bearer header (the empty headers).
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"], secret: process.env.NEXTAUTH_SECRET, decode: decodeSessionToken });
  // Tokens issued before session versions existed carry none: they are ended too.
  if (typeof token?.uid !== "number" || typeof token.sv !== "number") return null;
  return findActiveUser(db, token.uid, token.sv);
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
