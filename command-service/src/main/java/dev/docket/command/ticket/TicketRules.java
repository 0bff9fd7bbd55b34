package dev.docket.command.ticket;

import dev.docket.command.rules.TextRules;
import dev.docket.command.rules.Violations;
import dev.docket.events.Priority;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a ticket's input must look like, and how it is normalised before it is stored: the checks that are not
 * business rules, kept out of the aggregate.
 */
public final class TicketRules {

    public static final int TITLE_MAX_LENGTH = 500;
    public static final int DESCRIPTION_MAX_LENGTH = 50_000;
    public static final int COMMENT_MAX_LENGTH = 50_000;
    public static final int REASON_MAX_LENGTH = 1_000;
    public static final int TAG_MAX_LENGTH = 50;
    public static final int MAX_TAGS = 20;
    public static final int FILE_NAME_MAX_LENGTH = 255;

    /** A tag after normalisation: starts with a letter or digit, then letters, digits and {@code - _ . :}. */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\-_.:]*");
    /** {@code type/subtype} with RFC 6838 token characters, optionally followed by parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+\\-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+\\-]{0,126}(\\s*;\\s*[^;\\p{Cntrl}]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private TicketRules() {
    }

    /** The title as stored: surrounding whitespace removed. */
    public static String normalizeTitle(String title) {
        return TextRules.strip(title);
    }

    /** The description as stored: never null, trailing whitespace removed. */
    public static String normalizeDescription(String description) {
        return description == null ? "" : description.stripTrailing();
    }

    /** Every violation of the title and description rules, empty when the (normalised) input is acceptable. */
    public static List<FieldViolation> detailsViolations(String title, String description) {
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkLine(violations, "title", title, TITLE_MAX_LENGTH, true);
        TextRules.checkText(violations, "description", description, DESCRIPTION_MAX_LENGTH, false);
        return violations;
    }

    /**
     * A tag as stored: Unicode NFC, surrounding whitespace removed, lower case, inner runs of whitespace as one
     * {@code -}. So {@code " VPN Access "} and {@code "vpn-access"} are the same tag.
     */
    public static String normalizeTag(String tag) {
        if (tag == null) {
            return null;
        }
        String normalized = Normalizer.normalize(tag, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
        return normalized.replaceAll("\\s+", "-");
    }

    /** Normalised, de-duplicated tags in their given order; each invalid one is reported under {@code field[i]}. */
    public static Set<String> normalizeTags(List<String> tags, String field, List<FieldViolation> violations) {
        Set<String> result = new LinkedHashSet<>();
        if (tags == null) {
            return result;
        }
        if (tags.size() > MAX_TAGS) {
            violations.add(new FieldViolation(field, "must hold at most " + MAX_TAGS + " tags"));
            return result;
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = normalizeTag(tags.get(i));
            String name = field + "[" + i + "]";
            if (tag == null || tag.isEmpty()) {
                violations.add(new FieldViolation(name, "must not be empty"));
            } else if (tag.codePointCount(0, tag.length()) > TAG_MAX_LENGTH) {
                violations.add(new FieldViolation(name, "must be at most " + TAG_MAX_LENGTH + " characters"));
            } else if (!TAG.matcher(tag).matches()) {
                violations.add(new FieldViolation(name,
                        "must start with a letter or digit and hold only letters, digits and - _ . :"));
            } else {
                result.add(tag);
            }
        }
        return result;
    }

    /**
     * The edit as it would be stored on a ticket now titled {@code title} and described by {@code description}: at
     * least one of the two given, each given one normalised, the pair checked together.
     */
    static TicketEdited edit(EditTicket command, String title, String description) {
        if (command.title() == null && command.description() == null) {
            throw DocketException.invalid("title", "or description is required");
        }
        String newTitle = command.title() == null ? title : normalizeTitle(command.title());
        String newDescription = command.description() == null ? description
                : normalizeDescription(command.description());
        TextRules.requireNone(detailsViolations(newTitle, newDescription));
        return new TicketEdited(command.ticketId(), newTitle, newDescription);
    }

    /** Every violation of the opening rules for the (normalised) title, description and tags. */
    public static List<FieldViolation> openingViolations(String title, String description, List<String> tags) {
        List<FieldViolation> violations = detailsViolations(title, description);
        normalizeTags(tags, "tags", violations);
        return violations;
    }

    /** An opening whose every field passed the checks, normalised: the event it becomes once it has a number. */
    record Opening(TicketId ticketId, String title, String description, Priority priority, UserId requesterId,
                   List<String> tags) {

        TicketOpened numbered(String number) {
            return new TicketOpened(ticketId, number, title, description, priority, requesterId, tags);
        }
    }

    /** Checks every field of an opening at once (one refusal names all at fault). */
    static Opening opening(OpenTicket command) {
        String title = normalizeTitle(command.title());
        String description = normalizeDescription(command.description());
        Violations violations = Violations.check()
                .present("ticketId", command.ticketId())
                .present("priority", command.priority())
                .present("requesterId", command.requesterId());
        violations.list().addAll(detailsViolations(title, description));
        Set<String> tags = normalizeTags(command.tags(), "tags", violations.list());
        violations.orThrow();
        return new Opening(command.ticketId(), title, description, command.priority(), command.requesterId(),
                List.copyOf(tags));
    }

    /** The transfer's reason as stored (stripped, required), after checking every field. */
    static String reason(TransferOwnership command) {
        return reason(Violations.check().present("requesterId", command.requesterId()), command.reason(), true);
    }

    /** The status change's reason as stored (stripped; empty when none is given), after checking every field. */
    static String reason(ChangeStatus command) {
        return reason(Violations.check().present("status", command.status()), command.reason(), false);
    }

    /** The archiving's reason as stored (stripped, required). */
    static String reason(ArchiveTicket command) {
        return reason(Violations.check(), command.reason(), true);
    }

    /** The restoring's reason as stored (stripped; empty when none is given). */
    static String reason(RestoreTicket command) {
        return reason(Violations.check(), command.reason(), false);
    }

    /** The reason as stored (stripped, empty for none), after checking it and what {@code violations} found. */
    private static String reason(Violations violations, String reason, boolean required) {
        String stripped = TextRules.strip(reason);
        violations.line("reason", stripped, REASON_MAX_LENGTH, required).orThrow();
        return stripped == null ? "" : stripped;
    }

    /** The comment's body as stored (trailing whitespace removed), after checking every field. */
    static String commentBody(AddComment command) {
        String body = command.body() == null ? null : command.body().stripTrailing();
        Violations.check().present("commentId", command.commentId()).present("author", command.author())
                .present("visibility", command.visibility())
                .text("body", body, COMMENT_MAX_LENGTH, true).orThrow();
        return body;
    }

    static void checkAttachment(AddAttachment command) {
        Violations violations = Violations.check();
        violations.list().addAll(attachmentViolations(command.fileName(), command.mediaType(), command.size(),
                command.sha256()));
        violations.present("attachmentId", command.attachmentId()).orThrow();
    }

    /** Tags to add and to remove, normalised; at least one, and none both added and removed. */
    record TagChange(Set<String> add, Set<String> remove) {

        /** What the change does to a ticket with {@code tags}: only real additions and removals, within the limit. */
        TicketTagsChanged of(TicketId ticket, Set<String> tags) {
            List<String> added = add.stream().filter(tag -> !tags.contains(tag)).toList();
            List<String> removed = remove.stream().filter(tags::contains).toList();
            if (tags.size() + added.size() - removed.size() > MAX_TAGS) {
                throw DocketException.invalid("add", "would give the ticket more than " + MAX_TAGS + " tags");
            }
            return new TicketTagsChanged(ticket, added, removed);
        }
    }

    static TagChange tagChange(ChangeTags command) {
        Violations violations = Violations.check();
        Set<String> add = normalizeTags(command.add(), "add", violations.list());
        Set<String> remove = normalizeTags(command.remove(), "remove", violations.list());
        violations.when(violations.none() && add.isEmpty() && remove.isEmpty(), "add",
                "or remove must name at least one tag");
        add.stream().filter(remove::contains).forEach(tag ->
                violations.add("remove", "must not name a tag that is also added: " + tag));
        violations.orThrow();
        return new TagChange(add, remove);
    }

    /**
     * The description of an uploaded file. The content itself is checked (size limit, hash) where it is stored; here
     * only what the event will carry.
     */
    public static List<FieldViolation> attachmentViolations(String fileName, String mediaType, long size, String sha256) {
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkLine(violations, "fileName", fileName, FILE_NAME_MAX_LENGTH, true);
        if (fileName != null && (fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals(".."))) {
            violations.add(new FieldViolation("fileName", "must be a plain file name without directories"));
        }
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            violations.add(new FieldViolation("mediaType", "must be a media type such as text/plain"));
        }
        if (size <= 0) {
            violations.add(new FieldViolation("file", "must not be empty"));
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            violations.add(new FieldViolation("sha256", "must be 64 lower-case hex digits"));
        }
        return violations;
    }
}
