/** What the query API's controllers share: reading common parameters. */
package dev.docket.query.api;
