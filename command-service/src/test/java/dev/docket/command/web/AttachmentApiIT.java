package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Upload, download byte for byte, the size limit, and that a refused upload leaves nothing behind. */
class AttachmentApiIT extends CommandServiceTestBase {

    private static final int MIB = 1024 * 1024;

    private String ticket;

    @BeforeEach
    void open() throws Exception {
        ticket = openTicket("With attachments");
    }

    @Test
    void anUploadedFileDownloadsBackByteForByteWithTheSameSha256() throws Exception {
        byte[] content = randomBytes(3 * MIB + 17);
        String sha256 = sha256(content);

        HttpResponse<String> upload = upload(ticket, "crash report.bin", "application/octet-stream", content);

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode answer = json(upload);
        assertThat(answer.get("sha256").asString()).isEqualTo(sha256);
        assertThat(answer.get("size").asLong()).isEqualTo(content.length);
        assertThat(answer.get("version").asLong()).isEqualTo(2);
        String location = upload.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/tickets/" + ticket + "/attachments/" + answer.get("attachmentId").asString());

        HttpResponse<byte[]> download = http.send(authorized(java.net.URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(sha256(download.body())).isEqualTo(sha256);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                assertThat(v).startsWith("attachment;").contains("crash report.bin"));
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        JsonNode event = JSON.readTree(lastPayload(ticket));
        assertThat(event.get("fileName").asString()).isEqualTo("crash report.bin");
        assertThat(event.get("mediaType").asString()).isEqualTo("application/octet-stream");
        assertThat(event.get("size").asLong()).isEqualTo(content.length);
        assertThat(event.get("sha256").asString()).isEqualTo(sha256);
    }

    @Test
    void identicalContentIsStoredOnceHoweverOftenItIsAttached() throws Exception {
        byte[] content = "same bytes".getBytes(StandardCharsets.UTF_8);
        String other = openTicket("Also with attachments");
        assertThat(upload(ticket, "a.txt", "text/plain", content).statusCode()).isEqualTo(201);
        assertThat(upload(other, "b.txt", "text/plain", content).statusCode()).isEqualTo(201);

        assertThat(queryLong("SELECT count(*) FROM attachment_content WHERE sha256 = decode('" + sha256(content) + "', 'hex')"))
                .isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM attachment WHERE sha256 = decode('" + sha256(content) + "', 'hex')"))
                .isEqualTo(2);
    }

    @Test
    void aFileOfExactlyTheLimitIsAccepted() throws Exception {
        assertThat(upload(ticket, "limit.bin", "application/octet-stream", randomBytes(10 * MIB)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void anOversizeUploadAnswers413AndLeavesNoTrace() throws Exception {
        long contentRows = queryLong("SELECT count(*) FROM attachment_content");
        long attachmentRows = queryLong("SELECT count(*) FROM attachment");
        long events = queryLong("SELECT count(*) FROM domain_event_entry");

        HttpResponse<String> response = upload(ticket, "big.bin", "application/octet-stream", randomBytes(10 * MIB + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(queryLong("SELECT count(*) FROM attachment_content")).isEqualTo(contentRows);
        assertThat(queryLong("SELECT count(*) FROM attachment")).isEqualTo(attachmentRows);
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
    }

    @Test
    void anUploadToAnArchivedTicketIsRefusedAndLeavesNoTrace() throws Exception {
        send("POST", "/api/tickets/" + ticket + "/archive", "{\"reason\":\"Spam\"}");
        byte[] content = randomBytes(1000);

        HttpResponse<String> response = upload(ticket, "late.bin", "application/octet-stream", content);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(queryLong("SELECT count(*) FROM attachment_content WHERE sha256 = decode('" + sha256(content) + "', 'hex')"))
                .isZero();
        assertThat(queryLong("SELECT count(*) FROM attachment WHERE ticket_id = '" + ticket + "'")).isZero();
    }

    @Test
    void anUploadToAMissingTicketAnswers404AndLeavesNoTrace() throws Exception {
        byte[] content = randomBytes(1000);
        HttpResponse<String> response = upload(UUID.randomUUID().toString(), "x.bin", "application/octet-stream", content);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(queryLong("SELECT count(*) FROM attachment_content WHERE sha256 = decode('" + sha256(content) + "', 'hex')"))
                .isZero();
    }

    @Test
    void refusesAnEmptyFileAndAMissingPart() throws Exception {
        HttpResponse<String> empty = upload(ticket, "empty.txt", "text/plain", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("errors").findValuesAsString("field")).contains("file");

        HttpResponse<String> noPart = http.send(authorized(uri("/api/tickets/" + ticket + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noPart.statusCode()).isEqualTo(400);
        assertThat(json(noPart).get("errors").findValuesAsString("field")).contains("file");
    }

    @Test
    void aDirectoryInTheUploadedNameIsDropped() throws Exception {
        HttpResponse<String> response = upload(ticket, "C:\\fakepath\\notes.txt", "text/plain",
                "notes".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("fileName").asString()).isEqualTo("notes.txt");
    }

    @Test
    void anUnknownAttachmentAnswers404() throws Exception {
        HttpResponse<String> response = http.send(authorized(
                uri("/api/tickets/" + ticket + "/attachments/" + UUID.randomUUID())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asString()).isEqualTo("ATTACHMENT_NOT_FOUND");
    }

    @Test
    void aRequesterAttachesToAndDownloadsFromTheirOwnTicketsOnly() throws Exception {
        String ana = registerUser("requester");
        String anasTicket = json(postJson("/api/tickets", "{\"title\":\"Ana's\",\"requesterId\":\"" + ana + "\"}"))
                .get("id").asString();
        String asAna = TestIdentity.bearer(ana, "requester");

        HttpResponse<String> own = upload(anasTicket, "screen.png", "image/png", new byte[]{1, 2, 3}, asAna);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        HttpResponse<String> others = upload(ticket, "screen.png", "image/png", new byte[]{1, 2, 3}, asAna);
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(json(others).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");

        String ownFile = own.headers().firstValue("Location").orElseThrow();
        assertThat(http.send(HttpRequest.newBuilder(java.net.URI.create(ownFile)).header("Authorization", asAna).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        String agentsFile = upload(ticket, "log.txt", "text/plain", new byte[]{9}).headers().firstValue("Location")
                .orElseThrow();
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(java.net.URI.create(agentsFile))
                .header("Authorization", asAna).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign).get("code").asString()).isEqualTo("ATTACHMENT_NOT_FOUND");
    }

    private HttpResponse<String> upload(String ticketId, String fileName, String mediaType, byte[] content)
            throws Exception {
        return upload(ticketId, fileName, mediaType, content, TestIdentity.admin());
    }

    private String lastPayload(String aggregateId) throws Exception {
        return eventsOf(aggregateId).getLast()[1];
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
