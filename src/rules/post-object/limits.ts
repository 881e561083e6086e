import { MAX_SINGLE_UPLOAD_BYTES } from '../../core/content-length';

/** 5 GB, the largest object a PostObject may carry (PostObject API reference). */
export const MAX_POST_OBJECT_BYTES = MAX_SINGLE_UPLOAD_BYTES;

/** "The total size of form fields before the file cannot exceed 8 MB" (EC 0006-00000112). */
export const MAX_POST_PRE_DATA_BYTES = 8 * 1024 * 1024;

/**
 * The whole body may carry the 5 GB file plus the fields before it and the part headers. OSS also
 * documents InvalidArgument.postBodyTooLarge for the body; where the two meet is unknown,
 * so the body limit leaves room for the largest allowed form rather than refuse a 5 GB file.
 */
export const MAX_POST_BODY_BYTES = MAX_POST_OBJECT_BYTES + MAX_POST_PRE_DATA_BYTES + 1024 * 1024;
