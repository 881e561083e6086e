import type { Rule } from '../../core/rule';
import { bucketName } from './bucket-name';
import { channelName } from './channel-name';
import { copySourceName } from './copy-source-name';
import { objectName } from './object-name';
import { symlinkTargetName } from './symlink-target-name';
import { symlinkTargetRequired } from './symlink-target-required';
import { vodPlaylistName } from './vod-playlist-name';

export { type CopySource, parseCopySource } from '../../core/copy-source';
export { objectNameError } from '../shared/object-name';
export { bucketNameError, isValidBucketName } from './bucket-name';

export const nameRules: readonly Rule[] = [
  bucketName,
  objectName,
  channelName,
  vodPlaylistName,
  copySourceName,
  symlinkTargetRequired,
  symlinkTargetName,
];
