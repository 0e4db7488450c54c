import { hkdfSync } from "node:crypto";
import { EncryptJWT } from "jose";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "@/lib/auth/session-token";

const secret = "a-session-secret-of-enough-length-0123456789";

describe("decodeSessionToken", () => {
  it("reads what next-auth encoded, as next-auth's own decode does", async () => {
    const token = await encode({ token: { uid: 7, sv: 3 }, secret });
    const ours = await decodeSessionToken({ token, secret });
    expect(ours).toMatchObject({ uid: 7, sv: 3 });
    expect(ours).toEqual(await decode({ token, secret }));
    // The key is kept per secret and salt: a second secret, or a salt, gets a key of its own.
    const salted = await encode({ token: { uid: 8 }, secret, salt: "other" });
    await expect(decodeSessionToken({ token: salted, secret, salt: "other" })).resolves.toMatchObject({ uid: 8 });
    await expect(decodeSessionToken({ token: salted, secret })).rejects.toThrow();
  });

  it("refuses a token of another secret, a changed token and an expired one", async () => {
    const other = await encode({ token: { uid: 7 }, secret: `${secret}-other` });
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
    const token = await encode({ token: { uid: 7 }, secret });
    const [header, key, iv, ciphertext, tag] = token.split(".");
    const flipped = `${header}.${key}.${iv}.${ciphertext!.slice(0, -2)}${ciphertext!.endsWith("A") ? "B" : "A"}${ciphertext!.slice(-1)}.${tag}`;
    await expect(decodeSessionToken({ token: flipped, secret })).rejects.toThrow();
    // Expired a minute ago: beyond next-auth's 15 s of clock tolerance.
    const expired = await encode({ token: { uid: 7 }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
  });

  it("refuses a token encrypted some other way than next-auth's, even with the right key", async () => {
    const key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    const wrongEnc = await new EncryptJWT({ uid: 7 }).setProtectedHeader({ alg: "dir", enc: "A128CBC-HS256" }).encrypt(key);
    await expect(decodeSessionToken({ token: wrongEnc, secret })).rejects.toThrow();
  });
});
