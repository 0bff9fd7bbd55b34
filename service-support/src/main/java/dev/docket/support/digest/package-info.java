/** Fingerprints of text: for cache keys and for recognising the same request again. */
package dev.docket.support.digest;
