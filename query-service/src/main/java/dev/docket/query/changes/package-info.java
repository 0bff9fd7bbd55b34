/**
 * The change stream: a log of which ticket changed, numbered in commit order, and the Server-Sent Events that give
 * each viewer the changes they may see, resumable from the last one received.
 */
package dev.docket.query.changes;
