import { resolveIntegers } from '../core/options';
import { MAX_POST_OBJECT_BYTES, MAX_POST_PRE_DATA_BYTES } from '../rules/post-object';

export type PostLimits = {
  /**
   * Largest value of a field other than the file, in bytes. Seed 002: "apart from file, form
   * fields may not exceed 4 KB" (FieldItemTooLong). The 2021 API reference allows 2 MB values;
   * the public conformance case post-field-too-long expects a 5000-byte x-oss-meta-* value to be
   * refused, which only the 4 KB rule explains, so 4 KB is the default.
   * @defaultValue 4096
   */
  readonly fieldValueBytes?: number;
  /**
   * Largest field name in bytes (the API reference's "keys ≤ 8 KB").
   * @defaultValue 8192
   */
  readonly fieldNameBytes?: number;
  /**
   * Most fields before the file (OSS documents no count; this bounds memory).
   * @defaultValue 1000
   */
  readonly fields?: number;
  /**
   * Largest total of field values before the file, in bytes (EC 0006-00000112).
   * @defaultValue 8 MB (8,388,608 bytes)
   */
  readonly preDataBytes?: number;
};

export type ResolvedLimits = Required<PostLimits>;

export const DEFAULT_LIMITS: ResolvedLimits = {
  fieldValueBytes: 4096,
  fieldNameBytes: 8192,
  fields: 1000,
  preDataBytes: MAX_POST_PRE_DATA_BYTES,
};

export function resolveLimits(limits: PostLimits | undefined, factory: string): ResolvedLimits {
  return resolveIntegers(factory, 'limits', limits, DEFAULT_LIMITS, () => 1);
}

/**
 * Every multer/busboy limit, set explicitly. The form parser enforces the OSS limits itself (so
 * each maps to its own OSS error); these are the backstops. Names reach multer with brackets
 * escaped (3 characters each), hence the wider name limit.
 */
export function multerLimits(limits: ResolvedLimits) {
  return {
    fieldNameSize: limits.fieldNameBytes * 3,
    fieldSize: limits.fieldValueBytes,
    fields: limits.fields,
    fileSize: MAX_POST_OBJECT_BYTES,
    files: 1,
    parts: limits.fields + 1,
    headerPairs: 2000,
    fieldNestingDepth: 0,
    fieldArrayIndexLimit: 0,
  };
}
