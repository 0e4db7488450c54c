/**
 * The search parameter that names the validation on screen, so a reload shows it again with the
 * request it checked. Not in a client module: the imports page (a server component) reads it too.
 */
export const VALIDATION_PARAM = "validation";
