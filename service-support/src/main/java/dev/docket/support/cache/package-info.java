/** Small in-process caches for values both services read often and may serve slightly stale. */
package dev.docket.support.cache;
