/** What makes a chosen admin key hard to guess: it is a bearer secret with full rights. */
export const ADMIN_KEY_MIN_LENGTH = 32;
const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
const MIN_CLASSES = 3;
const MIN_DISTINCT_CHARACTERS = 16;

/** Why a chosen admin key is too weak, or null when it is strong enough. */
export function adminKeyWeakness(key: string): string | null {
  if (key.length < ADMIN_KEY_MIN_LENGTH) return `must be at least ${ADMIN_KEY_MIN_LENGTH} characters`;
  const classes = CHARACTER_CLASSES.filter((pattern) => pattern.test(key)).length;
  if (classes < MIN_CLASSES)
    return `must mix at least ${MIN_CLASSES} of lower case, upper case, digits and symbols (has ${classes})`;
  const distinct = new Set(key).size;
  if (distinct < MIN_DISTINCT_CHARACTERS)
    return `must use at least ${MIN_DISTINCT_CHARACTERS} different characters (has ${distinct})`;
  return null;
}
