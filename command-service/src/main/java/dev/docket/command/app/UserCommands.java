package dev.docket.command.app;

import dev.docket.command.rules.TextRules;
import dev.docket.command.user.ChangeDisplayName;
import dev.docket.command.user.DeactivateUser;
import dev.docket.command.user.RegisterUser;
import dev.docket.command.user.UserChange;
import dev.docket.command.user.UserRules;
import dev.docket.events.ErrorCode;
import dev.docket.events.Role;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and changes people. Each change and its effect on the user directory commit together.
 */
@Service
public class UserCommands {

    private final CommandDispatcher dispatcher;
    private final UserDirectory directory;

    UserCommands(CommandDispatcher dispatcher, UserDirectory directory) {
        this.dispatcher = dispatcher;
        this.directory = directory;
    }

    /** Registers a person; the email is claimed first, so a taken one is refused before any event exists. */
    @Transactional
    public UserChange register(String email, String displayName, Role role, CommandOrigin origin) {
        String normalizedEmail = UserRules.normalizeEmail(email);
        String name = TextRules.strip(displayName);
        TextRules.requireNone(UserRules.registrationViolations(normalizedEmail, name, role));
        UserId id = Ids.newUserId();
        if (!directory.claim(id, normalizedEmail, name, role)) {
            throw new DocketException(ErrorCode.EMAIL_TAKEN, "Someone is already registered with this email.");
        }
        return send(new RegisterUser(id, normalizedEmail, name, role), origin);
    }

    @Transactional
    public UserChange changeDisplayName(UserId id, Long expectedVersion, String displayName, CommandOrigin origin) {
        return send(new ChangeDisplayName(id, expectedVersion, displayName), origin);
    }

    @Transactional
    public UserChange deactivate(UserId id, Long expectedVersion, String reason, CommandOrigin origin) {
        return send(new DeactivateUser(id, expectedVersion, reason), origin);
    }

    private UserChange send(Object command, CommandOrigin origin) {
        UserChange change = dispatcher.send(command, origin, ErrorCode.USER_NOT_FOUND);
        if (change.event() != null) {
            directory.apply(change.event());
        }
        return change;
    }
}
