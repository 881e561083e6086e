import type { Rule } from '../../core/rule';
import { bucketName } from './bucket-name';
import { channelName } from './channel-name';
import { copySourceName } from './copy-source-name';
import { objectName } from './object-name';
import { symlinkTargetName } from './symlink-target-name';
import { symlinkTargetRequired } from './symlink-target-required';
import { vodPlaylistName } from './vod-playlist-name';

export { bucketNameError, isValidBucketName } from './bucket-name';
export { type CopySource, parseCopySource } from './copy-source';
export { objectNameError } from './object-name';

export const nameRules: readonly Rule[] = [
  bucketName,
  objectName,
  channelName,
  vodPlaylistName,
  copySourceName,
  symlinkTargetRequired,
  symlinkTargetName,
];
