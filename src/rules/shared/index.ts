// Helpers more than one rule family uses: a family imports these, never another family's folder.
export { parseDecimal } from './decimal';
export { oneOf } from './enum-value';
export { forbidOverwriteError } from './forbid-overwrite-value';
export { headerBytes } from './header-bytes';
export { MALFORMED_XML_MESSAGE, malformedXml } from './malformed-xml';
export { objectAclError } from './object-acl';
export {
  MAX_OBJECT_NAME_BYTES,
  OBJECT_NAME_EMPTY,
  OBJECT_NAME_INVALID,
  OBJECT_NAME_TOO_LONG,
  objectNameError,
  objectNameErrors,
} from './object-name';
export { hasRoot, parsedBody } from './parsed-body';
export { PLAYLIST_SUFFIX } from './playlist';
export {
  INVALID_ALGORITHM,
  INVALID_DATA_ALGORITHM,
  serverSideEncryptionError,
} from './server-side-encryption-value';
export { storageClassError } from './storage-class';
