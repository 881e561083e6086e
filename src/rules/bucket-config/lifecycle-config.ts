import type { OssRequest } from '../../core/request';
import { children, childText, type XmlElement } from '../../core/xml';
import { hasRoot, parseDecimal, parsedBody } from '../shared';

/** The <Rule> elements of a well-formed PutBucketLifecycle document, or none. */
export function lifecycleRules(request: OssRequest): XmlElement[] {
  const document = parsedBody(request);
  return document && hasRoot(document, 'LifecycleConfiguration') ? children(document.element, 'Rule') : [];
}

/** The generic seed 002 message: the reference answers InvalidArgument without a text. */
export const LIFECYCLE_INVALID = 'InvalidArgument.parameterInvalidDotted';

/** A positive integer (the reference's type for Days and NoncurrentDays), or undefined. */
export function positiveDays(text: string | undefined): number | undefined {
  const value = text === undefined ? undefined : parseDecimal(text);
  return value !== undefined && value >= 1 ? value : undefined;
}

/** `yyyy-MM-ddT00:00:00.000Z`, midnight UTC, as the reference requires; the time in ms or undefined. */
export function midnightDate(text: string | undefined): number | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})T00:00:00(?:\.000)?Z\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match;
  const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const date = new Date(time);
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? time : undefined;
}

/** When an action applies: after `days` days, or before a date; both, neither or a bad value is undefined. */
export type When = { readonly days: number } | { readonly date: number };

export function whenOf(action: XmlElement): When | 'both' | 'neither' | 'invalid' {
  const days = childText(action, 'Days');
  const date = childText(action, 'CreatedBeforeDate');
  if (days !== undefined && date !== undefined) return 'both';
  if (days !== undefined) {
    const value = positiveDays(days);
    return value === undefined ? 'invalid' : { days: value };
  }
  if (date !== undefined) {
    const value = midnightDate(date);
    return value === undefined ? 'invalid' : { date: value };
  }
  return 'neither';
}

/** Storage classes a transition may target, in the order objects must move through them. */
export const TRANSITION_ORDER: readonly string[] = ['ia', 'archive', 'coldarchive', 'deepcoldarchive'];
