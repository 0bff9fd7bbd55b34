package dev.docket.e2e;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.docket.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/events.md shows an example for every event type, and every example is valid under its schema. */
class EventDocsTest {

    private static final Path REPO = Path.of(System.getProperty("docket.repository", ".."));
    private static final Pattern EXAMPLE = Pattern.compile("#### `([a-z.\\-0-9]+)`\\s+```json\\s+(.+?)\\s+```",
            Pattern.DOTALL);

    @Test
    void everyEventTypeHasAnExampleThatItsSchemaAccepts() throws IOException {
        String docs = Files.readString(REPO.resolve("docs/events.md"));
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE.matcher(docs);
        while (matcher.find()) {
            examples.put(matcher.group(1), matcher.group(2));
        }
        Set<String> types = new HashSet<>();
        EventTypes.all().forEach(types::add);
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(types);
        for (Map.Entry<String, String> example : examples.entrySet()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                    EventTypes.schemaResource(example.getKey()))) {
                String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(schema, InputFormat.JSON).validate(example.getValue(), InputFormat.JSON))
                        .as(example.getKey()).isEmpty();
            }
        }
    }
}
