package dev.docket.command.privacy;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The data keys that open the topic's sealed personal fields, for consumers of the topic (the {@code consumer}
 * role): the query service and downstream systems. A destroyed key answers {@code 410 Gone}: the consumer must forget
 * the person (docs/data-protection.md). Never cached by anyone on the way.
 */
@RestController
@RequestMapping(path = "/api/data-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Data protection")
class DataKeyController {

    static final int MAX_IDS = 200;

    private final PersonKeys keys;

    DataKeyController(PersonKeys keys) {
        this.keys = keys;
    }

    /**
     * @param keyId     the id sealed values name
     * @param algorithm always {@code AES-256-GCM}
     * @param key       the 32-byte key, base64
     */
    record DataKey(UUID keyId, @Schema(example = "AES-256-GCM") String algorithm, String key) {

        static DataKey of(PersonKeys.Present present) {
            return new DataKey(present.id(), "AES-256-GCM", Base64.getEncoder().encodeToString(present.key().getEncoded()));
        }
    }

    /**
     * @param keys    the keys asked for that exist
     * @param erased  ids of keys an erasure destroyed: forget what they sealed
     * @param unknown ids no key ever had
     */
    record DataKeySet(List<DataKey> keys, List<UUID> erased, List<UUID> unknown) {
    }

    @Operation(summary = "One data key (consumers); 410 once an erasure destroyed it")
    @GetMapping("/{keyId}")
    ResponseEntity<DataKey> key(@PathVariable UUID keyId) {
        PersonKeys.Held held = keys.lookUp(List.of(keyId)).get(keyId);
        return switch (held) {
            case null -> throw new DocketException(ErrorCode.DATA_KEY_NOT_FOUND, "No data key " + keyId + ".");
            case PersonKeys.Destroyed destroyed -> throw new DocketException(ErrorCode.DATA_KEY_ERASED,
                    "The data key " + keyId + " was destroyed by an erasure; forget what it sealed.");
            case PersonKeys.Present present -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(DataKey.of(present));
        };
    }

    @Operation(summary = "Several data keys at once (consumers): those that exist, those erased, those unknown")
    @GetMapping
    ResponseEntity<DataKeySet> keys(@RequestParam(name = "id", required = false)
                                    @Schema(description = "1 to " + MAX_IDS + " key ids") List<UUID> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw DocketException.invalid("id", "name 1 to " + MAX_IDS + " data key ids");
        }
        Set<UUID> asked = new LinkedHashSet<>(ids);
        Map<UUID, PersonKeys.Held> held = keys.lookUp(asked);
        List<DataKey> found = new ArrayList<>();
        List<UUID> erased = new ArrayList<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : asked) {
            switch (held.get(id)) {
                case null -> unknown.add(id);
                case PersonKeys.Destroyed destroyed -> erased.add(id);
                case PersonKeys.Present present -> found.add(DataKey.of(present));
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new DataKeySet(found, erased, unknown));
    }
}
