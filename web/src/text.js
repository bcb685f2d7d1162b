// Strings the beacon carries come from error messages, URLs and peer ids the player does not control. The server
// refuses a beacon whose JSON holds a lone UTF-16 surrogate (it is no Unicode text; JSON.stringify writes it as
// "\ud83d"), and `.slice(0, n)` can cut an emoji in half. So every beacon string goes through clipText.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `String(value)` as well-formed text (lone surrogates become U+FFFD) of at most `max` UTF-16 units, cut on a
 * code-point boundary.
 */
export function clipText(value, max) {
  let s = String(value).replace(LONE_SURROGATE, "\uFFFD");
  if (s.length <= max) return s;
  s = s.slice(0, max);
  const last = s.charCodeAt(s.length - 1);
  // A high surrogate at the end had its low half cut off: drop it rather than send half a character.
  return last >= 0xd800 && last <= 0xdbff ? s.slice(0, -1) : s;
}
