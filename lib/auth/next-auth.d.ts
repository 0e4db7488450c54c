import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid?: number;
    /** The user's session version when the token was issued (lib/auth/sessions.ts). */
    sv?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sv?: number;
  }
}
