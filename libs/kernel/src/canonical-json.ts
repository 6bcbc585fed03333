/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values the domain holds: no whitespace,
 * object members sorted by their names' UTF-16 code units (JavaScript's default string
 * order), strings and numbers written as ECMAScript's JSON.stringify writes them (which is
 * what RFC 8785 specifies). Implementations exist in most languages (Python `rfc8785`,
 * Go `gowebpki/jcs`, Java `erdtman/java-json-canonicalization`); an auditor uses one of them.
 *
 * Values that are not JSON are converted as JSON.stringify converts them: a value's `toJSON()` (a
 * Date becomes its ISO string), members whose value is undefined, a function or a symbol are left
 * out (null in an array). So canonicalJson(value) is canonicalJson(JSON.parse(JSON.stringify(value))).
 * A number JSON has no form for (NaN, Infinity) is refused, where JSON.stringify would write null:
 * an event is not stored with an amount silently turned into null.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalOf(value, true);
  if (text === undefined) throw new TypeError(`canonical JSON has no form for ${typeof value}`);
  return text;
}

/**
 * Whether two values are the same JSON: member order aside, and members JSON leaves out (undefined)
 * ignored, so a value read back from the log equals the one a command built in another order.
 * NaN and Infinity compare as the null JSON.stringify writes for them.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalOf(a, false) === canonicalOf(b, false);
}

function canonicalOf(value: unknown, refuseNonFinite: boolean): string | undefined {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) && refuseNonFinite) {
      throw new RangeError(`canonical JSON has no form for the number ${value}`);
    }
    return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') throw new TypeError('canonical JSON has no form for a BigInt');
  // undefined, a function or a symbol: no JSON form, left out as JSON.stringify leaves it out.
  if (typeof value !== 'object') return undefined;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalOf(toJSON.call(value), refuseNonFinite);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++)
      out += (i > 0 ? ',' : '') + (canonicalOf(value[i], refuseNonFinite) ?? 'null');
    return `${out}]`;
  }
  const members = value as Record<string, unknown>;
  out = '{';
  for (const key of Object.keys(members).sort()) {
    const member = canonicalOf(members[key], refuseNonFinite);
    if (member === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${jsonString(key)}:${member}`;
  }
  return `${out}}`;
}

/** Characters JSON.stringify writes as they are: no quote, backslash, control or lone surrogate. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\ud7ff\ue000-\uffff]*$/;

/** JSON.stringify of a string, without its cost on the usual string that needs no escape. */
function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}
