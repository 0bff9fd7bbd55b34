/** Work tied to a transaction's outcome. */
package dev.docket.support.transaction;
