import type { Rule } from '../../core/rule';
import { bucketFlags } from './bucket-flags';
import { bucketRedundancyType } from './bucket-redundancy-type';
import { bucketStorageClass } from './bucket-storage-class';
import { configDocument } from './config-document';
import { corsRuleLimit } from './cors-rule-limit';
import { corsRuleValues } from './cors-rule-values';
import { encryptionAlgorithm } from './encryption-algorithm';
import { encryptionKmsKey } from './encryption-kms-key';
import { httpsConfigTls } from './https-config-tls';
import { inventoryConfig } from './inventory-config';
import { lifecycleActionTime } from './lifecycle-action-time';
import { lifecycleRuleShape } from './lifecycle-rule-shape';
import { lifecycleTransitionOrder } from './lifecycle-transition-order';
import { liveChannelDocument } from './live-channel-document';
import { liveChannelPlaylist } from './live-channel-playlist';
import { liveChannelSettings } from './live-channel-settings';
import { liveChannelSnapshot } from './live-channel-snapshot';
import { liveChannelTarget } from './live-channel-target';
import { loggingConfig } from './logging-config';
import { refererConfig } from './referer-config';
import { replicationPrefixCount } from './replication-prefix-count';
import { replicationRuleCount } from './replication-rule-count';
import { replicationTagCount } from './replication-tag-count';
import { versioningStatus } from './versioning-status';
import { websiteConfig } from './website-config';
import { wormRetentionPeriod } from './worm-retention-period';

export { CONFIG_ROOTS } from './config-document';

/**
 * Bucket configuration documents (body phase): the transport first
 * (Content-MD5), then well-formedness and the root element, then limits and values.
 */
export const bucketConfigRules: readonly Rule[] = [
  configDocument,
  corsRuleLimit,
  corsRuleValues,
  refererConfig,
  websiteConfig,
  loggingConfig,
  inventoryConfig,
  bucketFlags,
  httpsConfigTls,
  versioningStatus,
  wormRetentionPeriod,
  replicationRuleCount,
  replicationPrefixCount,
  replicationTagCount,
  encryptionAlgorithm,
  encryptionKmsKey,
  bucketStorageClass,
  bucketRedundancyType,
  lifecycleRuleShape,
  lifecycleActionTime,
  lifecycleTransitionOrder,
  liveChannelDocument,
  liveChannelSettings,
  liveChannelTarget,
  liveChannelPlaylist,
  liveChannelSnapshot,
];
