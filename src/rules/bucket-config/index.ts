import type { Rule } from '../../core/rule';
import { bucketStorageClass } from './bucket-storage-class';
import { configDocument } from './config-document';
import { corsRuleLimit } from './cors-rule-limit';
import { encryptionKmsKey } from './encryption-kms-key';
import { lifecycleActionTime } from './lifecycle-action-time';
import { lifecycleRuleShape } from './lifecycle-rule-shape';
import { lifecycleTransitionOrder } from './lifecycle-transition-order';
import { liveChannelDocument } from './live-channel-document';
import { liveChannelPlaylist } from './live-channel-playlist';
import { liveChannelSettings } from './live-channel-settings';
import { liveChannelSnapshot } from './live-channel-snapshot';
import { liveChannelTarget } from './live-channel-target';
import { replicationPrefixCount } from './replication-prefix-count';
import { replicationRuleCount } from './replication-rule-count';
import { replicationTagCount } from './replication-tag-count';
import { versioningStatus } from './versioning-status';
import { wormRetentionPeriod } from './worm-retention-period';

export { CONFIG_ROOTS } from './config-document';

/**
 * Bucket configuration documents (body phase): the transport first
 * (Content-MD5), then well-formedness and the root element, then limits and values.
 */
export const bucketConfigRules: readonly Rule[] = [
  configDocument,
  corsRuleLimit,
  versioningStatus,
  wormRetentionPeriod,
  replicationRuleCount,
  replicationPrefixCount,
  replicationTagCount,
  encryptionKmsKey,
  bucketStorageClass,
  lifecycleRuleShape,
  lifecycleActionTime,
  lifecycleTransitionOrder,
  liveChannelDocument,
  liveChannelSettings,
  liveChannelTarget,
  liveChannelPlaylist,
  liveChannelSnapshot,
];
