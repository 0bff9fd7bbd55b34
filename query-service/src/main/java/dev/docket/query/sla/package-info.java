/**
 * Service levels on the read side: every ticket's clocks computed from its facts and the configuration versions the
 * topic brought (the same pure function the command side's sweeper uses), on the ticket view, in the filter language
 * and the counts, and the attainment report.
 */
package dev.docket.query.sla;
