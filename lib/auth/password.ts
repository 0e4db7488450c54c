import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with OWASP's recommended minimum: m=19 MiB, t=2, p=1;
// ~30 ms on these machines. Stored hashes carry their parameters, so raising these later keeps old hashes valid.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", not crash sign-in.
    return false;
  }
}

// Verifying against a throwaway hash when the email is unknown keeps sign-in time the same
// for known and unknown emails, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("relabel-timing-equalizer");
  await verifyPassword(await dummyHash, password);
}
