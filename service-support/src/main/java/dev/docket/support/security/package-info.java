/**
 * Authentication and authorization shared by both services: each is an OAuth2 resource server that validates JWT
 * bearer tokens from a configurable issuer, maps the token's roles to {@link dev.docket.support.security.AccessRole}s,
 * answers 401 and 403 as problem details, and sets the standard security headers. Each service adds its own
 * {@link dev.docket.support.security.AccessRules}.
 */
package dev.docket.support.security;
