import { z } from "zod";

/** Row ids are PostgreSQL `integer`s: a larger number can name no row, and sent on it fails as an out-of-range error. */
export const MAX_ID = 2_147_483_647;

export const idSchema = z
  .number({ error: "An id is a number." })
  .int("An id is a whole number.")
  .positive("An id is a positive number.")
  .max(MAX_ID, "No such id.");

/** For ids read from form fields and URLs, which arrive as text. */
export const coercedIdSchema = z.coerce.number({ error: "An id is a number." }).pipe(idSchema);
