/**
 * Personal data on the query side: the data keys that open the topic's sealed personal fields (fetched from the
 * command service as a consumer, kept briefly in memory), the record of keys erasures destroyed, and opening a
 * batch's sealed fields so that no projection writes a text an erasure has already removed.
 */
package dev.docket.query.privacy;
