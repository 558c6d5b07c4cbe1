/**
 * Escaping of text for the XML and HTML reports. Server responses can hold any Text String, so
 * every value that reaches a report passes through here.
 */

/**
 * Characters that XML 1.0 forbids even as character references (§2.2 of the XML 1.0 spec allows
 * only tab, line feed, carriage return, U+0020 to U+D7FF, U+E000 to U+FFFD and whole surrogate
 * pairs), plus the other C0 controls and DEL, which HTML shows as nothing.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const MARKUP = /[&<>"']/g;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Replaces each unprintable character with a visible `\uXXXX` so that the reader sees it was there. */
export function showUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Escapes text for XML element content: the five markup characters and the unprintable ones. */
export function escapeXmlText(text: string): string {
  return showUnprintable(text).replace(MARKUP, (character) => ENTITIES[character]);
}

/**
 * Escapes an XML attribute value. Tab, line feed and carriage return become character references,
 * because a parser turns them into spaces when they appear as they are (XML 1.0 §3.3.3).
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/**
 * Escapes text for HTML element content and quoted attribute values. HTML has no `&apos;` before
 * HTML5, so the single quote uses its numeric reference.
 */
export function escapeHtml(text: string): string {
  return escapeXmlText(text).replace(/&apos;/g, "&#39;");
}
