import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { SignInError } from "@/lib/auth/sign-in-errors";
import { authenticate } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validation/user";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("malformed" satisfies SignInError);
        const result = await authenticate(db, parsed.data.email, parsed.data.password).catch((error: unknown) => {
          console.error("[auth] sign-in could not be checked:", error);
          throw new Error("unavailable" satisfies SignInError);
        });
        if (!result.ok) throw new Error(result.reason satisfies SignInError);
        return { id: String(result.user.id), email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    // The token carries only the user id: role and active flag are re-read from the database
    // on every request (lib/auth/session.ts), so they cannot go stale inside a 12-hour token.
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid };
    },
  },
};
