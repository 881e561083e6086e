import Ajv from 'ajv';

/**
 * The family's one Ajv instance. Strict, so a typo in a schema fails at load
 * time; union types are allowed because OSS treats `null` like an absent field.
 */
export const ajv = new Ajv({ strict: true, allowUnionTypes: true });
