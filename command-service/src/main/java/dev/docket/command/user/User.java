package dev.docket.command.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.command.rules.TextRules;
import dev.docket.command.rules.VersionRules;
import dev.docket.events.ErrorCode;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserErased;
import dev.docket.events.UserEvent;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.events.privacy.SealedText;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person who requests or works tickets. Email uniqueness is a set rule no single aggregate can decide: the
 * application layer claims the address in the command side's directory, in the same transaction, before the
 * registration is sent.
 */
@Aggregate(commandTargetResolver = "commandTargets")
@Revision("3") // the snapshot's shape
class User {

    @AggregateIdentifier
    @JsonProperty
    private UserId userId;
    @JsonProperty
    private String displayName;
    @JsonProperty
    private boolean active;
    @JsonProperty
    private boolean erased;

    User() {
        // for Axon: state comes from the events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    UserChange handle(RegisterUser command) {
        String email = UserRules.normalizeEmail(command.email());
        String name = TextRules.strip(command.displayName());
        List<FieldViolation> violations = UserRules.registrationViolations(email, name, command.role());
        TextRules.checkPresent(violations, "userId", command.userId());
        TextRules.requireNone(violations);
        return applied(new UserRegistered(command.userId(), email, name, command.role()));
    }

    @CommandHandler
    UserChange handle(ChangeDisplayName command) {
        checkVersion(command.expectedVersion());
        requireNotErased();
        String name = TextRules.strip(command.displayName());
        List<FieldViolation> violations = new ArrayList<>();
        UserRules.checkDisplayName(violations, name);
        TextRules.requireNone(violations);
        if (name.equals(displayName)) {
            return new UserChange(userId, VersionRules.current());
        }
        return applied(new UserDisplayNameChanged(userId, name));
    }

    @CommandHandler
    UserChange handle(DeactivateUser command) {
        checkVersion(command.expectedVersion());
        requireNotErased();
        String reason = TextRules.strip(command.reason());
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkLine(violations, "reason", reason, UserRules.REASON_MAX_LENGTH, false);
        TextRules.requireNone(violations);
        if (!active) {
            throw new DocketException(ErrorCode.USER_DEACTIVATED, "User " + userId + " is already deactivated.");
        }
        return applied(new UserDeactivated(userId, reason == null ? "" : reason));
    }

    /**
     * Erases the person: their key is destroyed with this event, so their profile and what they wrote read as
     * erased from now on. Their id stays, as their pseudonym. Once only: a second erasure changes nothing.
     */
    @CommandHandler
    UserChange handle(ErasePerson command) {
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkLine(violations, "legalBasis", TextRules.strip(command.legalBasis()), UserRules.REASON_MAX_LENGTH,
                true);
        TextRules.checkLine(violations, "reason", TextRules.strip(command.reason()), UserRules.REASON_MAX_LENGTH, false);
        TextRules.requireNone(violations);
        if (erased) {
            return new UserChange(userId, VersionRules.current());
        }
        String reason = TextRules.strip(command.reason());
        return applied(new UserErased(userId, command.keyId(), TextRules.strip(command.legalBasis()),
                reason == null ? "" : reason));
    }

    private void requireNotErased() {
        if (erased) {
            throw new DocketException(ErrorCode.USER_ERASED, "User " + userId + " was erased; their profile "
                    + "accepts no change.");
        }
    }

    private UserChange applied(UserEvent event) {
        apply(event);
        return new UserChange(userId, VersionRules.current());
    }

    /** Refuses a stale {@code If-Match}. */
    private static void checkVersion(Long expectedVersion) {
        VersionRules.requireCurrent(expectedVersion, "user");
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        displayName = event.displayName();
        active = true;
    }

    @EventSourcingHandler
    void on(UserDisplayNameChanged event) {
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserErased event) {
        erased = true;
        active = false;
        displayName = SealedText.ERASED;
    }
}
