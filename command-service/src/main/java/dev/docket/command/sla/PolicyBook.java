package dev.docket.command.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.command.rules.TextRules;
import dev.docket.command.rules.VersionRules;
import dev.docket.events.PolicyBookId;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.support.errors.FieldViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The ordered service-level policies, one list for the whole installation: the order is a rule across policies
 * (the first match wins), so the list is one aggregate and every change replaces it whole. Version 0 is the book
 * before anyone set a policy.
 */
@Aggregate(commandTargetResolver = "commandTargets")
@Revision("1") // the snapshot's shape
class PolicyBook {

    @AggregateIdentifier
    @JsonProperty
    private PolicyBookId bookId;
    @JsonProperty
    private List<SlaPolicy> policies;

    PolicyBook() {
        // for Axon: state comes from the events, or a new book on the first change
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SlaChange handle(SetPolicies command) {
        VersionRules.requireCurrent(command.expectedVersion(), "policy book");
        String reason = TextRules.strip(command.reason());
        List<FieldViolation> violations = SlaRules.policyViolations(command.policies(), reason);
        TextRules.requireNone(violations);
        List<SlaPolicy> normalised = SlaRules.normalise(command.policies());
        if (!normalised.equals(policies == null ? List.of() : policies)) {
            apply(new SlaPoliciesChanged(command.bookId(), normalised, reason == null ? "" : reason));
        }
        return new SlaChange(command.bookId().toString(), VersionRules.current());
    }

    @EventSourcingHandler
    void on(SlaPoliciesChanged event) {
        bookId = event.bookId();
        policies = event.policies();
    }
}
