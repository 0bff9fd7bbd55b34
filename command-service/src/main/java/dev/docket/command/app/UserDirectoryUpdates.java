package dev.docket.command.app;

import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the user directory in step with people's events. Its processing group is subscribing
 * ({@code axon.eventhandling.processors.user-directory.mode}), so it runs in the unit of work that appends the event:
 * the directory and the event commit together or not at all. A registration needs nothing here: the email was
 * claimed, with the same values, before the command was sent.
 */
@Component
@ProcessingGroup(UserDirectoryUpdates.GROUP)
class UserDirectoryUpdates {

    static final String GROUP = "user-directory";

    private final UserDirectory directory;

    UserDirectoryUpdates(UserDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(UserDisplayNameChanged event) {
        directory.rename(event.userId(), event.displayName());
    }

    @EventHandler
    void on(UserDeactivated event) {
        directory.deactivate(event.userId());
    }
}
