/**
 * One "app server" answering one submit, in a process of its own so a test can kill it after
 * the decision commits and before anyone reads its answer (lib/faults/database-outage.test.ts).
 *   node --import tsx lib/testing/submit-child.ts <url> <userId> <inputJson>
 */
import { createDb } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { submitDecisionSchema } from "@/lib/validation/labeling";

const [url, userId, input] = process.argv.slice(2);
const db = createDb(url!);
const result = await submitDecision(db, Number(userId), submitDecisionSchema.parse(JSON.parse(input!)));
console.log(JSON.stringify(result));
// A server stays up after answering: the test kills it once the commit shows, and an exit of its
// own before that would look like a crash it did not cause. Two minutes, should nobody kill it.
setTimeout(() => process.exit(0), 120_000);
