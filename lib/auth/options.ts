import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { rateLimitedError, type SignInError } from "@/lib/auth/sign-in-errors";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { signOutEverywhere } from "@/lib/auth/sessions";
import { clientAddress } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validation/user";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("malformed" satisfies SignInError);
        const result = await signInWithPassword(db, { ...parsed.data, address: clientAddress(req?.headers) }).catch((error: unknown) => {
          console.error("[auth] sign-in could not be checked:", error);
          throw new Error("unavailable" satisfies SignInError);
        });
        if (!result.ok) throw new Error(result.reason === "rate-limited" ? rateLimitedError(result.retryAfterSeconds) : (result.reason satisfies SignInError));
        return { id: String(result.user.id), email: result.user.email, name: result.user.name, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // The token carries the user id and session version: role and active flag are re-read from
    // the database on every request (lib/auth/session.ts), so they cannot go stale inside a
    // 12-hour token, and a bumped version ends the session.
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.uid === "number" && typeof token.sv === "number") await signOutEverywhere(db, token.uid, token.sv);
    },
  },
};
