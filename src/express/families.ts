import type { Middleware } from '../http/types';
import type { PreflightOptions } from '../preflight/create-preflight';
import type { RuleFamily } from '../rules';
import { createPreflightMiddleware } from './preflight';

/** The options of `preflight()` but `families`: a family middleware runs its own family. */
export type FamilyOptions = Omit<PreflightOptions, 'families'>;

function family(name: RuleFamily, factory: string) {
  return (options: FamilyOptions = {}): Middleware =>
    createPreflightMiddleware(factory, { ...options, families: [name] });
}

// One middleware per family of FAMILIES (src/rules/index.ts) whose rules read only the request head;
// a test keeps this list and the table in step. bucket-config reads the body (checkXmlBody) and
// post-object the form (postObject, oss-preflight/post).
export const checkFraming = family('framing', 'checkFraming()');
export const checkNames = family('names', 'checkNames()');
export const checkAuth = family('auth', 'checkAuth()');
export const checkCors = family('cors', 'checkCors()');
export const checkHeaders = family('headers', 'checkHeaders()');
export const checkTrafficLimit = family('traffic-limit', 'checkTrafficLimit()');
export const checkTagging = family('tagging', 'checkTagging()');
export const checkCallback = family('callback', 'checkCallback()');
export const checkPersistentHeaders = family('persistent-headers', 'checkPersistentHeaders()');
export const checkIntegrity = family('integrity', 'checkIntegrity()');
export const checkMultipart = family('multipart', 'checkMultipart()');
