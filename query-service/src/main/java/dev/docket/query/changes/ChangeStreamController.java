package dev.docket.query.changes;

import dev.docket.query.api.Viewer;
import dev.docket.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;

@RestController
@Tag(name = "Changes")
class ChangeStreamController {

    private final ChangeFeed feed;

    ChangeStreamController(ChangeFeed feed) {
        this.feed = feed;
    }

    @Operation(summary = "Server-Sent Events: which tickets the caller may see changed, from now or from a position",
            description = "Events: ready (the starting position), change (ticketId, version, type, at), heartbeat "
                    + "(the position, every 15 s while quiet), reset (resuming was not possible: reload). Each id "
                    + "is a position: send the last one received as Last-Event-ID to resume without loss. A "
                    + "requester's stream carries their own tickets' changes only, never an internal note's.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/api/changes", produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_JSON_VALUE})
    SseEmitter changes(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Caller caller = Caller.current();
        return feed.open(Viewer.current(), caller.subject(), lastEventId, tokenExpiry());
    }

    private static Instant tokenExpiry() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getExpiresAt() : null;
    }
}
