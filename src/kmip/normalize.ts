/**
 * KMIP name normalization: the rule of the KMIP Additional Message Encodings v1.0 §4.1.3
 * ("Normalizing Names"), which turns spec text such as "Unique Batch Item ID" or "SHA-256" into the
 * CamelCase form that the XML and JSON encodings use for tags, types and enumeration values.
 */

/**
 * A character that is not a letter, a digit or an underscore. This is the regex class \W of the
 * rule's Python code for ASCII text; every name in the KMIP 1.4 tables is ASCII.
 */
const NON_WORD = /[^A-Za-z0-9_]/g;

/**
 * Converts a KMIP spec name to its normalized CamelCase form, e.g. "Unique Batch Item ID" ->
 * "UniqueBatchItemID", "SHA-256" -> "SHA_256", "PKCS#1" -> "PKCS_1", "3DES" -> "DES3",
 * "Re-key" -> "ReKey". Applies the six rules of §4.1.3 in order.
 */
export function normalizeName(specName: string): string {
  // Rule 1: round brackets become spaces.
  const noBrackets = specName.replace(/[()]/g, " ");

  // Rule 2: a non-word character followed by a letter and then a lower-case letter becomes a
  // space, so "Re-key" splits into two words while "SHA-256" and "CBC-MAC" keep a separator.
  const spaced = noBrackets.replace(/[^A-Za-z0-9_]([A-Za-z][a-z])/g, " $1");

  // Rule 3: the remaining non-word characters inside each word become underscores.
  const words = spaced.split(/\s+/).filter((word) => word !== "").map((word) => word.replace(NON_WORD, "_"));
  if (words.length === 0) {
    return "";
  }

  // Rule 4: digits at the start of the first word move to its end ("3DES" -> "DES3").
  words[0] = words[0].replace(/^(\d+)(.*)$/, "$2$1");

  // Rules 5 and 6: capitalize the first letter of each word, then join without spaces.
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}
