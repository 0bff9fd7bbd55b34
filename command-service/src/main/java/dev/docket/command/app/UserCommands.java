package dev.docket.command.app;

import dev.docket.command.rules.TextRules;
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
 * What the command side decides before a person exists: that nobody holds the email yet. Every other user command
 * goes straight to the person ({@link Commands}); the directory follows their events ({@link UserDirectoryUpdates}).
 */
@Service
public class UserCommands {

    private final Commands commands;
    private final UserDirectory directory;

    UserCommands(Commands commands, UserDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    /** Registers a person; the email is claimed first, so a taken one is refused before any event exists. */
    @Transactional
    public UserChange register(String email, String displayName, Role role) {
        String normalizedEmail = UserRules.normalizeEmail(email);
        String name = TextRules.strip(displayName);
        TextRules.requireNone(UserRules.registrationViolations(normalizedEmail, name, role));
        UserId id = Ids.newUserId();
        if (!directory.claim(id, normalizedEmail, name, role)) {
            throw new DocketException(ErrorCode.EMAIL_TAKEN, "Someone is already registered with this email.");
        }
        return commands.send(new RegisterUser(id, normalizedEmail, name, role));
    }
}
