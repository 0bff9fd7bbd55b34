package dev.docket.command.app;

import dev.docket.events.MetadataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Sends a command to its aggregate and answers what the aggregate answered. Who and why are attached on the way
 * ({@link CommandProvenance}), the outcome measured and a missing aggregate refused ({@link CommandOutcomes}). The
 * caller's transaction, when there is one, is the command's: Axon's unit of work joins it, so everything written
 * before the command commits with its events.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        return gateway.sendAndWait(command);
    }

    /** Sends a command Docket issues by itself: {@code actor} names the job, there is no caller. */
    public <R> R sendAs(String actor, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetadataKeys.ACTOR, actor)));
    }
}
