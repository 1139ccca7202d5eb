export { ROLES, isRole, type Principal, type Role } from './roles';
export { ACCESS_TOKEN_TTL_SECONDS, AccessTokens, type TokenCheck } from './tokens/access-token';
export { ACCESS_RULE, Policy, Public, Roles, SignedIn, type AccessRule } from './access/access.decorators';
