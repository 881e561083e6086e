/** The seed 002 messages for a malformed Authorization header, shared by the V1, V2 and V4 parsers. */
export const AUTH_INVALID = 'InvalidArgument.authorizationInvalid';
export const AUTH_ITEMS = 'InvalidArgument.authorizationItemCount';
export const AUTH_MISSING = 'InvalidArgument.authorizationPartMissing';
export const AUTH_EMPTY = 'InvalidArgument.authorizationEmpty';
export const AUTH_UNKNOWN = 'InvalidArgument.authorizationUnknownParameter';
