const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 1123 (with the RFC 822 zones), RFC 850 and asctime: the three forms HTTP allows for a date.
const RFC1123 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|UT|Z|[+-]\d{4})$/;
const RFC850 = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, month: string, day: string, h: string, m: string, s: string): number | undefined {
  const index = MONTHS.indexOf(month.toLowerCase());
  if (index === -1) return undefined;
  return Date.UTC(year, index, Number(day), Number(h), Number(m), Number(s));
}

function zoneOffsetMs(zone: string): number {
  if (zone[0] !== '+' && zone[0] !== '-') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
  return (zone[0] === '+' ? 1 : -1) * minutes * 60_000;
}

/** Milliseconds since the epoch of an HTTP date, or undefined when the text is not one. */
export function parseHttpDate(text: string): number | undefined {
  const value = text.trim();
  let m = RFC1123.exec(value);
  if (m) {
    const time = utc(Number(m[3]), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
    return time === undefined ? undefined : time - zoneOffsetMs(m[7]!);
  }
  m = RFC850.exec(value);
  if (m) {
    const yy = Number(m[3]);
    return utc(yy < 70 ? 2000 + yy : 1900 + yy, m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  }
  m = ASCTIME.exec(value);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!.trim(), m[3]!, m[4]!, m[5]!);
  return undefined;
}
