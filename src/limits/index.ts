export { operationClass } from './classes';
export type { LimitNote } from './note';
export { limitNote } from './note';
export { resolveLimits } from './options';
export type { Limit, LimitScope, LimitStore, OperationClass, RateLimits, RedisClientLike } from './types';
