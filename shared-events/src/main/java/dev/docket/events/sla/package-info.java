/**
 * Service-level agreements as data and arithmetic: the policies a support team promises ({@link
 * dev.docket.events.sla.SlaPolicy}), and a ticket's clocks computed from its history ({@link
 * dev.docket.events.sla.SlaClocks}). Plain Java, no framework: the command side decides warnings and breaches with
 * it, the query side shows the same clocks, and a what-if run over last month's tickets is one more call.
 */
package dev.docket.events.sla;
