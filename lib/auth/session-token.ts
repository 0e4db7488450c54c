import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

/**
 * next-auth's own session-token decode (the same JWE, key derivation and clock tolerance), with
 * the key derived once per secret: next-auth derives it again with HKDF on every call, and every
 * labeling request decodes the cookie twice (the proxy, then the session check). Passed to
 * getToken as its `decode`, so next-auth still finds the cookie (its name, its chunks).
 */
export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  // Only what next-auth's encode writes: a key of its own ("dir") and AES-256-GCM.
  const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] });
  return payload as JWT;
}

const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${salt}\u0000${typeof secret === "string" ? secret : secret.toString("hex")}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32));
    keys.set(id, key);
  }
  return key;
}
