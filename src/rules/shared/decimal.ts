/**
 * Reads a non-negative decimal integer the way a lenient server-side parser would:
 * surrounding ASCII whitespace, a leading `+` and leading zeros are tolerated.
 * OSS does not document how it parses numbers, so only text that no integer
 * parser accepts (letters, signs other than `+`, fractions, nothing at all) is
 * refused; everything else is judged by its value.
 */
export function parseDecimal(text: string): number | undefined {
  const match = /^[ \t]*\+?([0-9]+)[ \t]*$/.exec(text);
  if (!match) return undefined;
  // Digits beyond 15 cannot be represented exactly, but any such value is out of every range checked here.
  return Number(match[1]);
}
