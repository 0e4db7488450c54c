import { describe, expect, it } from "vitest";
import { checkPassword } from "@/lib/auth/password-policy";

describe("checkPassword", () => {
  it("refuses passwords under 10 characters", () => {
    expect(checkPassword("Xk#9vQ!2p")).toEqual({ ok: false, message: "Passwords have at least 10 characters." });
  });

  it.each(["aaaaaaaaaa", "password123", "qwertyuiop", "1234567890", "iloveyou12"])("refuses the guessable %j with a reason", (password) => {
    const verdict = checkPassword(password);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(/guess|common/);
  });

  it("counts the user's own name and email as guessable", () => {
    const password = "ferdinand.bookbinder";
    expect(checkPassword(password).ok).toBe(true);
    expect(checkPassword(password, ["ferdinand.bookbinder@lab.example", "Ferdinand Bookbinder"])).toEqual({
      ok: false,
      message: expect.stringContaining("your name or email"),
    });
  });

  it("accepts long random or multi-word passwords", () => {
    expect(checkPassword("correct horse battery staple")).toEqual({ ok: true });
    expect(checkPassword("vT7#qL9!zR2m")).toEqual({ ok: true });
  });

  it("counts words of this site as guessable: the public demo password would not pass (demo accounts are seeded without the policy)", () => {
    expect(checkPassword("relabel-demo").ok).toBe(false);
  });
});
