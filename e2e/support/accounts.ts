import { DEMO_ACCOUNTS } from "../../lib/demo/load-demo";

export const PASSWORD = DEMO_ACCOUNTS.password;
const byRole = (role: string) => DEMO_ACCOUNTS.users.find((user) => user.role === role)!;

export const ACCOUNTS = {
  admin: byRole("ADMIN"),
  reviewer: byRole("REVIEWER"),
  annotator: DEMO_ACCOUNTS.users.find((user) => user.email === "annotator@relabel.demo")!,
  annotator2: DEMO_ACCOUNTS.users.find((user) => user.email === "annotator2@relabel.demo")!,
};
export type AccountName = keyof typeof ACCOUNTS;

export const storageState = (name: AccountName) => `e2e/.auth/${name}.json`;
