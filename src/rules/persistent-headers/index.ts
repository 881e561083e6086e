import type { Rule } from '../../core/rule';
import { persistentHeaders } from './persistent-headers';

export { persistentHeadersError } from './persistent-header-list';
export { RESERVED_PERSISTENT_HEADERS } from './reserved-headers';

export const persistentHeaderRules: readonly Rule[] = [persistentHeaders];
