/** Operations for admins: the event store's own view of every ticket, which the consistency check compares with the read models. */
package dev.docket.command.admin;
