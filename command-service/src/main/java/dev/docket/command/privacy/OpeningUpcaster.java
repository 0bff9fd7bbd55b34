package dev.docket.command.privacy;

import dev.docket.events.privacy.PersonalData;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;

/**
 * Opens the sealed personal fields of every event read from the store, before Axon deserializes it: aggregates
 * load clear texts (or {@code [erased]} once a key is destroyed) while the store keeps only sealed ones. The type
 * and revision stay as stored; only the field values change.
 */
final class OpeningUpcaster extends SingleEventUpcaster {

    private final PersonalTexts texts;

    OpeningUpcaster(PersonalTexts texts) {
        this.texts = texts;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return PersonalData.ofClassName(representation.getType().getName()).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return representation.upcastPayload(representation.getType(), JsonNode.class, node -> texts.open(type, node));
    }
}
