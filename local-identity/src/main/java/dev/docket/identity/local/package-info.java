/**
 * Identity for local runs and tests, in place of an identity provider: a token signing key kept in the local
 * state directory, tokens minted with it, and the key pair that signs audit checkpoints. The services accept such
 * tokens only outside the production profile.
 */
package dev.docket.identity.local;
