/**
 * Input rules shared by the aggregates: how text is measured and which characters it may hold. Plain Java.
 */
package dev.docket.command.rules;
