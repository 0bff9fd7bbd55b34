package dev.docket.support.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Every JSON string read from a request, as Jackson's own reading gives it, refused when a JSON escape made it
 * unstorable ({@code \u0000}, or {@code \ud800} alone; see {@link StorableText}). The bytes themselves are checked
 * earlier, by {@link RequestBodyFilter}.
 */
final class StorableStrings extends StdScalarDeserializer<String> {

    /** Refusal of one string, at its place in the body. */
    static final class UnstorableTextException extends MismatchedInputException {

        UnstorableTextException(JsonParser parser, String fault) {
            super(parser, fault);
        }
    }

    private StorableStrings() {
        super(String.class);
    }

    static SimpleModule module() {
        return new SimpleModule("docket-storable-strings").addDeserializer(String.class, new StorableStrings());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = StringDeserializer.instance.deserialize(parser, context);
        String fault = text == null ? null : StorableText.fault(text);
        if (fault != null) {
            throw new UnstorableTextException(parser, fault);
        }
        return text;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}
