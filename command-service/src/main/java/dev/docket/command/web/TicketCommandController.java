package dev.docket.command.web;

import dev.docket.command.app.TicketCommands;
import dev.docket.events.Priority;
import dev.docket.support.errors.DocketException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

@RestController
@RequestMapping(path = "/api/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
class TicketCommandController {

    private static final String PRIORITIES = Arrays.stream(Priority.values()).map(Priority::wireName)
            .collect(Collectors.joining(", "));

    private final TicketCommands commands;
    private final CommandApiProperties properties;

    TicketCommandController(TicketCommands commands, CommandApiProperties properties) {
        this.commands = commands;
        this.properties = properties;
    }

    /**
     * @param title       required, 1 to 500 characters after trimming
     * @param description optional free text
     * @param priority    {@code low}, {@code normal} (default), {@code high} or {@code urgent}
     */
    record OpenTicketRequest(String title, String description, String priority) {
    }

    record TicketOpenedResponse(String id, String number, long version) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketOpenedResponse> open(@RequestBody OpenTicketRequest request, HttpServletRequest http) {
        Priority priority = request.priority() == null ? Priority.NORMAL : Priority.fromWireName(request.priority())
                .orElseThrow(() -> DocketException.invalid("priority", "must be one of " + PRIORITIES));
        TicketCommands.Opened opened = commands.open(request.title(), request.description(), priority,
                RequestOrigin.of(http));
        String id = opened.change().ticketId().toString();
        URI location = properties.queryBaseUrl().resolve("/api/tickets/" + id);
        return ResponseEntity.created(location)
                .eTag(String.valueOf(opened.change().version()))
                .body(new TicketOpenedResponse(id, opened.number(), opened.change().version()));
    }
}
