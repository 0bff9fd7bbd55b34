package dev.docket.command.sla;

/** What every accepted calendar or policy command answers: the aggregate's id and its version after it. */
public record SlaChange(String id, long version) {
}
