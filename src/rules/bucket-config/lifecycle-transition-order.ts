import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText, type XmlElement } from '../../core/xml';
import {
  LIFECYCLE_INVALID,
  lifecycleRules,
  positiveDays,
  TRANSITION_ORDER,
  whenOf,
} from './lifecycle-config';

type Step = { readonly rank: number; readonly at: number; readonly kind: 'days' | 'date' };

/** -1 for a class a transition cannot target (Standard among them), else its place in TRANSITION_ORDER. */
function rankOf(action: XmlElement): number {
  const storageClass = childText(action, 'StorageClass')?.trim().toLowerCase() ?? '';
  return TRANSITION_ORDER.indexOf(storageClass);
}

/** True when every later class moves strictly later than every earlier one, and expiry comes last. */
function ordered(steps: readonly Step[], expiry: Step | undefined): boolean {
  for (const a of steps) {
    for (const b of steps) {
      if (a.kind === b.kind && a.rank < b.rank && !(a.at < b.at)) return false;
      if (a.kind === b.kind && a !== b && a.rank === b.rank) return false;
    }
    if (expiry !== undefined && expiry.kind === a.kind && !(a.at < expiry.at)) return false;
  }
  return true;
}

export const lifecycleTransitionOrder = defineRule({
  id: 'lifecycle-transition-order',
  family: 'bucket-config',
  operations: ['PutBucketLifecycle'],
  phase: 'body',
  errors: [LIFECYCLE_INVALID],
  source:
    'PutBucketLifecycle API reference and its error table (InvalidArgument): a Transition targets IA, Archive, ' +
    'ColdArchive or DeepColdArchive (never Standard); the period before Archive must be longer than before IA (and ' +
    'so on down the classes); Expiration must come after every Transition. The same holds for ' +
    'NoncurrentVersionTransition against NoncurrentVersionExpiration (NoncurrentDays). Message undocumented: the ' +
    'generic seed 002 one (R). Two transitions to one class are refused too (R). Days are compared with Days and ' +
    'dates with dates only; transitions on last access time (IsAccessTime) are not ordered, since they can return ' +
    'objects to Standard. A missing StorageClass is refused as an invalid target (R).',
  check: (request) => {
    for (const rule of lifecycleRules(request)) {
      const transitions = children(rule, 'Transition');
      if (transitions.some((t) => rankOf(t) === -1)) return invalidArgument(LIFECYCLE_INVALID);
      const steps: Step[] = [];
      for (const transition of transitions) {
        if (childText(transition, 'IsAccessTime')?.trim().toLowerCase() === 'true') continue;
        const when = whenOf(transition);
        if (typeof when !== 'object') continue;
        steps.push(
          'days' in when
            ? { rank: rankOf(transition), at: when.days, kind: 'days' }
            : { rank: rankOf(transition), at: when.date, kind: 'date' },
        );
      }
      const expiration = children(rule, 'Expiration')[0];
      const expiryWhen = expiration === undefined ? undefined : whenOf(expiration);
      const expiry: Step | undefined =
        typeof expiryWhen === 'object'
          ? 'days' in expiryWhen
            ? { rank: 99, at: expiryWhen.days, kind: 'days' }
            : { rank: 99, at: expiryWhen.date, kind: 'date' }
          : undefined;
      if (!ordered(steps, expiry)) return invalidArgument(LIFECYCLE_INVALID);

      const noncurrent = children(rule, 'NoncurrentVersionTransition');
      if (noncurrent.some((t) => rankOf(t) === -1)) return invalidArgument(LIFECYCLE_INVALID);
      const noncurrentSteps: Step[] = [];
      for (const transition of noncurrent) {
        const days = positiveDays(childText(transition, 'NoncurrentDays'));
        if (days !== undefined) noncurrentSteps.push({ rank: rankOf(transition), at: days, kind: 'days' });
      }
      const noncurrentExpiration = children(rule, 'NoncurrentVersionExpiration')[0];
      const expiryDays =
        noncurrentExpiration === undefined
          ? undefined
          : positiveDays(childText(noncurrentExpiration, 'NoncurrentDays'));
      const noncurrentExpiry: Step | undefined =
        expiryDays === undefined ? undefined : { rank: 99, at: expiryDays, kind: 'days' };
      if (!ordered(noncurrentSteps, noncurrentExpiry)) return invalidArgument(LIFECYCLE_INVALID);
    }
    return undefined;
  },
});
