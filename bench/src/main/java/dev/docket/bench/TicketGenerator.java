package dev.docket.bench;

import dev.docket.events.DocketEvent;
import dev.docket.events.EventHeaders;
import dev.docket.events.EventTypes;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Makes a reproducible ticket history as Kafka records of the event contract, exactly as the relay publishes them,
 * so the load goes through the same decoding, guard and projections as production. Word frequencies are chosen so
 * the benchmark has a common word ({@value #COMMON_WORD}, in about 20% of titles), a rare one ({@value #RARE_WORD},
 * about 1 in 10,000) and {@value #BOOLEAN_WORD} (about 5%).
 */
final class TicketGenerator {

    static final String COMMON_WORD = "printer";
    static final String RARE_WORD = "quasar";
    static final String BOOLEAN_WORD = "payment";
    static final int AGENTS = 200;
    static final int REQUESTERS = 20_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] COMPONENTS = {"login", "email", "vpn", "laptop", "invoice", "refund", "network",
            "account", "password", "monitor", "keyboard", "phone", "license", "report", "dashboard", "export",
            "upload", "calendar", "wifi", "badge", "printer scanner", "database", "backup", "shipping", "checkout"};
    private static final String[] SYMPTOMS = {"not working", "fails intermittently", "very slow", "shows an error",
            "crashes on start", "is missing", "broken since update", "times out", "rejected", "cannot be opened",
            "keeps asking again", "out of sync", "disconnects", "returns wrong totals"};
    private static final String[] TAGS = {"billing", "hardware", "software", "network", "access", "vip", "onsite",
            "remote", "bug", "question", "outage", "security", "mobile", "desktop", "finance", "hr"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "pan", "rus", "vel", "do", "sen", "tra",
            "bel", "no", "qui", "mar", "fo", "gel", "hin", "zu", "pra", "wen"};
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    private final Random random;
    private final List<UserId> agents = new ArrayList<>();
    private final List<UserId> requesters = new ArrayList<>();
    private final String[] vocabulary;

    TicketGenerator(long seed) {
        random = new Random(seed);
        for (int i = 0; i < AGENTS; i++) {
            agents.add(new UserId(new UUID(0x0A, i + 1)));
        }
        for (int i = 0; i < REQUESTERS; i++) {
            requesters.add(new UserId(new UUID(0x0B, i + 1)));
        }
        vocabulary = new String[3000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = SYLLABLES[i % 20] + SYLLABLES[(i / 20) % 20] + SYLLABLES[(i / 400 + i) % 20];
        }
    }

    List<UserId> agents() {
        return agents;
    }

    /** The people: every agent and requester registers first. */
    void people(Consumer<EventWithMeta> sink) {
        Instant at = END.minus(Duration.ofDays(800));
        for (int i = 0; i < AGENTS; i++) {
            sink.accept(new EventWithMeta(new UserRegistered(agents.get(i), "agent" + i + "@example.com",
                    "Agent " + i, Role.AGENT), 1, at));
        }
        for (int i = 0; i < REQUESTERS; i++) {
            sink.accept(new EventWithMeta(new UserRegistered(requesters.get(i), "customer" + i + "@example.com",
                    "Customer " + i, Role.REQUESTER), 1, at));
        }
    }

    /** One ticket's whole history (opened, perhaps assigned, perhaps moved on, rarely archived). */
    void ticket(int n, Consumer<EventWithMeta> sink) {
        TicketId id = new TicketId(new UUID(0x7C, n + 1L));
        Instant opened = END.minusSeconds(random.nextLong(730L * 86_400));
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(3); t > 0; t--) {
            String tag = TAGS[random.nextInt(TAGS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        sink.accept(new EventWithMeta(new TicketOpened(id, String.format("TCK-%07d", n + 1), title(),
                description(), priority(), requesters.get(random.nextInt(REQUESTERS)), tags), 1, opened));
        long version = 1;
        Instant at = opened;
        if (random.nextInt(10) < 6) {
            at = at.plusSeconds(60 + random.nextInt(7200));
            sink.accept(new EventWithMeta(new TicketAssigned(id, agents.get(random.nextInt(AGENTS)), null), ++version,
                    at));
        }
        int roll = random.nextInt(100);
        TicketStatus to = roll < 20 ? null : roll < 50 ? TicketStatus.IN_PROGRESS : roll < 60
                ? TicketStatus.WAITING_ON_CUSTOMER : roll < 85 ? TicketStatus.RESOLVED : TicketStatus.CLOSED;
        if (to != null) {
            at = at.plusSeconds(600 + random.nextInt(86_400));
            sink.accept(new EventWithMeta(new TicketStatusChanged(id, TicketStatus.OPEN, to, ""), ++version, at));
            if (to == TicketStatus.CLOSED && random.nextInt(5) == 0) {
                sink.accept(new EventWithMeta(new TicketArchived(id, "old"), ++version, at.plusSeconds(86_400)));
            }
        }
    }

    private String title() {
        int roll = random.nextInt(100);
        String component = roll < 20 ? COMMON_WORD : roll < 25 ? BOOLEAN_WORD
                : COMPONENTS[random.nextInt(COMPONENTS.length)];
        String title = component + " " + SYMPTOMS[random.nextInt(SYMPTOMS.length)];
        if (random.nextInt(10_000) == 0) {
            title += " near the " + RARE_WORD + " room";
        }
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }

    private String description() {
        StringBuilder text = new StringBuilder();
        for (int w = 15 + random.nextInt(20); w > 0; w--) {
            // roughly Zipf: low indexes far more often
            int index = (int) Math.min(vocabulary.length - 1, Math.abs(random.nextGaussian()) * 400);
            text.append(vocabulary[index]).append(' ');
        }
        return text.toString().strip();
    }

    private Priority priority() {
        int roll = random.nextInt(100);
        return roll < 20 ? Priority.LOW : roll < 70 ? Priority.NORMAL : roll < 92 ? Priority.HIGH : Priority.URGENT;
    }

    record EventWithMeta(DocketEvent event, long version, Instant time) {
    }

    /** The record as the relay would publish it at {@code offset} of {@code partition}. */
    static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, EventWithMeta e) {
        RecordHeaders headers = new RecordHeaders();
        String eventId = UUID.randomUUID().toString();
        add(headers, EventHeaders.SPEC_VERSION, "1.0");
        add(headers, EventHeaders.ID, eventId);
        add(headers, EventHeaders.SOURCE, "/docket/bench");
        add(headers, EventHeaders.TYPE, EventTypes.typeOf(e.event().getClass()));
        add(headers, EventHeaders.SUBJECT, e.event().subject());
        add(headers, EventHeaders.TIME, e.time().toString());
        add(headers, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
        add(headers, EventHeaders.SUBJECT_VERSION, Long.toString(e.version()));
        add(headers, EventHeaders.POSITION, Long.toString(offset));
        add(headers, EventHeaders.ACTOR, "bench");
        add(headers, EventHeaders.CORRELATION_ID, eventId);
        add(headers, EventHeaders.CAUSATION_ID, eventId);
        return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, e.event().subject(), JSON.writeValueAsBytes(e.event()),
                headers, Optional.empty());
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
