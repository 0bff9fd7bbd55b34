package dev.docket.query.ingest;

import dev.docket.query.api.QueryParameters;
import dev.docket.query.readmodel.Generation;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelProgress;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Operating the read side: generations and rebuilds, and the parked (dead-letter) events. */
@RestController
@Tag(name = "Read-model operations")
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class ReadModelAdminController {

    private final ReadModelGenerations generations;
    private final ReadModelProgress progress;
    private final Projectors projectors;
    private final ObjectProvider<ReadModelConsumers> consumers;

    ReadModelAdminController(ReadModelGenerations generations, ReadModelProgress progress, Projectors projectors,
                             ObjectProvider<ReadModelConsumers> consumers) {
        this.generations = generations;
        this.progress = progress;
        this.projectors = projectors;
        this.consumers = consumers;
    }

    record ReadModels(int activeGeneration, List<Generation> generations, ReadModelProgress.Snapshot progress,
                      long parkedEvents) {
    }

    static final int PARKED_DEFAULT = 100;
    static final int PARKED_MAX = 500;

    record ParkedPage(List<ParkedEvents.Parked> items, @Nullable String nextCursor) {
    }

    @Operation(summary = "The read-model generations, their progress and the parked event count")
    @GetMapping("/read-models")
    ReadModels readModels() {
        ReadModelSql active = generations.active();
        return new ReadModels(active.generation(), generations.list(), progress.current(), ParkedEvents.count(active));
    }

    /**
     * Starts a rebuild: a new generation, filled from the beginning of the topic beside the active one, which keeps
     * serving until the new one has caught up and takes over.
     */
    @Operation(summary = "Start a rebuild of the read models from the topic, beside the active generation")
    @ApiResponse(responseCode = "202", description = "The generation being built",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Generation.class)))
    @PostMapping("/read-models/rebuild")
    ResponseEntity<Generation> rebuild() {
        Generation building = generations.startBuilding();
        consumers.ifAvailable(ReadModelConsumers::reconcile);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(building);
    }

    /** Abandons a running rebuild; the active generation is untouched. */
    @Operation(summary = "Abandon a running rebuild; the active generation is untouched")
    @ApiResponse(responseCode = "204", description = "Abandoned, or there was none")
    @DeleteMapping("/read-models/rebuild")
    ResponseEntity<Void> abandonRebuild() {
        generations.building().ifPresent(g -> generations.abandon(g.number()));
        consumers.ifAvailable(ReadModelConsumers::reconcile);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The parked (dead-letter) events, with their error and attempts")
    @GetMapping("/parked-events")
    ParkedPage parked(@RequestParam(required = false) Long cursor, @RequestParam(required = false)
            @Schema(minimum = "1", maximum = "" + PARKED_MAX, defaultValue = "" + PARKED_DEFAULT) Integer limit) {
        int pageSize = QueryParameters.limit(limit, PARKED_DEFAULT, PARKED_MAX);
        List<ParkedEvents.Parked> items = ParkedEvents.list(generations.active(), cursor == null ? 0 : cursor,
                pageSize + 1);
        return new ParkedPage(items.size() > pageSize ? items.subList(0, pageSize) : items,
                items.size() > pageSize ? Long.toString(items.get(pageSize - 1).id()) : null);
    }

    /** Applies parked events again (of one subject, or of all), in order; what still fails stays parked. */
    @Operation(summary = "Apply parked events again, per subject in version order")
    @PostMapping("/parked-events/retry")
    Projector.RetryOutcome retry(@RequestParam(required = false) String subject) {
        UUID only = null;
        if (subject != null) {
            try {
                only = UUID.fromString(subject);
            } catch (IllegalArgumentException e) {
                throw DocketException.invalid("subject", "must be a ticket or person id (a UUID)");
            }
        }
        return projectors.create(generations.active()).retryParked(only);
    }
}
