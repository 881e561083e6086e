import type AjvModule from 'ajv';
import { lazyModule, once } from '../../core/lazy';

const ajvModule = lazyModule<{ default: typeof AjvModule }>('ajv');

/**
 * The family's one Ajv instance, made when the first callback is checked (most requests carry
 * none, so ajv is not loaded at import). Strict, so a typo in a schema fails on first use (the
 * unit tests make it); union types are allowed because OSS treats `null` like an absent field.
 */
export const callbackAjv = once(() => new (ajvModule().default)({ strict: true, allowUnionTypes: true }));
