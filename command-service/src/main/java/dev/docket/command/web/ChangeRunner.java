package dev.docket.command.web;

import dev.docket.command.app.ChangeTransactions;
import dev.docket.command.app.IdempotencyKeys;
import dev.docket.command.app.IdempotencyKeys.StoredAnswer;
import dev.docket.support.digest.Digests;
import dev.docket.support.errors.DocketException;
import dev.docket.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs every change request: in one transaction, retried when it lost a race, and idempotent under an
 * {@code Idempotency-Key}. The key is claimed in the change's transaction and stored with the answer, so:
 * <ul>
 *     <li>a retry with the same key and request gets the first answer again (marked {@code Idempotent-Replayed:
 *     true}) and changes nothing;</li>
 *     <li>the same key with a different request (method, path, {@code If-Match} or body) answers 422;</li>
 *     <li>a refused request stores no key: nothing happened, so a corrected retry may reuse it.</li>
 * </ul>
 * Keys are scoped to the caller: two callers never see each other's answers.
 */
@Component
class ChangeRunner {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION);

    private final ChangeTransactions transactions;
    private final IdempotencyKeys keys;
    private final JsonMapper json;

    ChangeRunner(ChangeTransactions transactions, IdempotencyKeys keys, JsonMapper json) {
        this.transactions = transactions;
        this.keys = keys;
        this.json = json;
    }

    /**
     * @param canonicalRequest what the request asks for, as parsed (the body record, or the upload's name, type and
     *                         hash): two requests are the same when this, the method, path and If-Match are
     */
    ResponseEntity<?> run(HttpServletRequest request, Object canonicalRequest, Supplier<ResponseEntity<?>> change) {
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return transactions.run(change);
        }
        if (!KEY.matcher(key).matches()) {
            throw DocketException.invalid(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        String actor = Caller.current().subject();
        String fingerprint = fingerprint(request, canonicalRequest);
        return transactions.run(() -> {
            Optional<StoredAnswer> first = keys.claim(actor, key, fingerprint);
            if (first.isPresent()) {
                return replay(first.get());
            }
            ResponseEntity<?> answer = change.get();
            keys.complete(actor, key, store(answer));
            return answer;
        });
    }

    private String fingerprint(HttpServletRequest request, Object canonicalRequest) {
        String text = request.getMethod() + "\n" + request.getRequestURI() + "\n"
                + String.valueOf(request.getHeader(ExpectedVersion.IF_MATCH)) + "\n"
                + json.writeValueAsString(canonicalRequest);
        return Digests.sha256Hex(text);
    }

    private StoredAnswer store(ResponseEntity<?> answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = answer.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        byte[] body = answer.getBody() == null ? null : json.writeValueAsBytes(answer.getBody());
        return new StoredAnswer(answer.getStatusCode().value(), json.writeValueAsString(headers), body);
    }

    private ResponseEntity<?> replay(StoredAnswer answer) {
        HttpHeaders headers = new HttpHeaders();
        json.readValue(answer.headers(), new TypeReference<Map<String, String>>() { }).forEach(headers::set);
        headers.set(REPLAYED, "true");
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status()).headers(headers);
        return answer.body() == null ? builder.build()
                : builder.contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
