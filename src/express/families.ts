import type { RuleFamily } from '../core/rule';
import { createPreflightMiddleware, type PreflightOptions } from './preflight';
import type { Middleware } from './types';

type FamilyOptions = Omit<PreflightOptions, 'families'>;

function family(name: RuleFamily, factory: string) {
  return (options: FamilyOptions = {}): Middleware =>
    createPreflightMiddleware(factory, { ...options, families: [name] });
}

/** One middleware per rule family; compose them freely with `app.use`. */
export const checkNames = family('names', 'checkNames()');
export const checkAuth = family('auth', 'checkAuth()');
export const checkTagging = family('tagging', 'checkTagging()');
export const checkCallback = family('callback', 'checkCallback()');
export const checkPersistentHeaders = family('persistent-headers', 'checkPersistentHeaders()');
export const checkTrafficLimit = family('traffic-limit', 'checkTrafficLimit()');
export const checkHeaders = family('headers', 'checkHeaders()');
export const checkIntegrity = family('integrity', 'checkIntegrity()');
export const checkMultipart = family('multipart', 'checkMultipart()');
export const checkCors = family('cors', 'checkCors()');
