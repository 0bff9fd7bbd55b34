package dev.docket.support.openapi;

import dev.docket.events.ErrorCode;
import dev.docket.support.web.Problems;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes the generated document. Every operation declares the bearer scheme, the correlation id header, and
 * every problem answer it can give, each with its stable codes and an example; changes also declare
 * {@code If-Match} and {@code Idempotency-Key}. The answers an operation can give follow from what it is: every one
 * can be refused (400, 401, 403, 406) or meet an unavailable dependency (503) or a fault (500); one with an id in
 * its path can miss (404); a change can conflict (409), be stale (412), be too large (413), have the wrong media
 * type (415) or name unusable people (422).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DocketOpenApiAutoConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    @Bean
    OpenAPI docketOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "docket");
        return new OpenAPI()
                .info(new Info().title("Docket " + service).version("1")
                        .description("Event-sourced support tickets. Errors are RFC 9457 problem details with a stable "
                                + "code; see docs/api.md."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A token from the configured identity provider; its subject is the "
                                        + "caller, its roles claim holds requester, agent, admin or auditor.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Record schemas as exact as the records: required, nullable, and JSON values typed ({@link RecordSchemas}). */
    @Bean
    ModelConverter docketRecordSchemas() {
        return new RecordSchemas();
    }

    /**
     * Adds what every operation shares. The problem schema is added here, with the answers that refer to it:
     * springdoc drops schemas nothing refers to before customizers run, so one added with the document's
     * components would be gone by the time the answers refer to it.
     */
    @Bean
    OpenApiCustomizer docketCommonAnswers() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    complete(path, method, operation)));
        };
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        boolean change = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (operation.getParameters() != null) {
            // every id in a Docket path is a UUID: a ticket, a person, an attachment
            operation.getParameters().stream()
                    .filter(p -> "path".equals(p.getIn()) && (p.getName().equals("id") || p.getName().endsWith("Id")))
                    .filter(p -> p.getSchema() != null)
                    .forEach(p -> p.getSchema().setFormat("uuid"));
        }
        addHeader(operation, "X-Correlation-Id", "Ties together everything this request causes. Generated when "
                + "absent, echoed on the answer.", "^[A-Za-z0-9._:\\-]{1,128}$");
        if (change && path.startsWith("/api/tickets") || change && path.startsWith("/api/users")) {
            addHeader(operation, "If-Match", "The version the change is based on, as an ETag gave it (\"3\"); "
                    + "without quotes is accepted too.", "^(\"[0-9]{1,18}\"|[0-9]{1,18})$");
            addHeader(operation, "Idempotency-Key", "Makes a retry safe: the same key and request answer what the "
                    + "first one did.", "^[\\x21-\\x7E]{1,255}$");
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, List<ErrorCode>> answers = new LinkedHashMap<>();
        answers.put("400", List.of(ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_REQUEST, ErrorCode.INVALID_FILTER));
        answers.put("401", List.of(ErrorCode.UNAUTHENTICATED));
        answers.put("403", List.of(ErrorCode.FORBIDDEN));
        if (path.contains("{")) {
            answers.put("404", List.of(ErrorCode.TICKET_NOT_FOUND, ErrorCode.USER_NOT_FOUND,
                    ErrorCode.CALENDAR_NOT_FOUND, ErrorCode.ATTACHMENT_NOT_FOUND, ErrorCode.DATA_KEY_NOT_FOUND,
                    ErrorCode.VIEW_NOT_FOUND));
        } else if (path.equals("/api/audit/export")) {
            // the ticket (or the period's tickets) named in the query
            answers.put("404", List.of(ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_FOUND));
        }
        if (path.startsWith("/api/data-keys/")) {
            answers.put("410", List.of(ErrorCode.DATA_KEY_ERASED));
        }
        answers.put("406", List.of(ErrorCode.NOT_ACCEPTABLE));
        if (change) {
            answers.put("409", List.of(ErrorCode.INVALID_TRANSITION, ErrorCode.TICKET_CLOSED, ErrorCode.TICKET_ARCHIVED,
                    ErrorCode.TICKET_NOT_ARCHIVED, ErrorCode.USER_DEACTIVATED, ErrorCode.USER_ERASED, ErrorCode.EMAIL_TAKEN,
                    ErrorCode.VIEW_NAME_TAKEN, ErrorCode.TOO_MANY_VIEWS, ErrorCode.CONCURRENT_MODIFICATION,
                    ErrorCode.REBUILD_IN_PROGRESS));
            answers.put("412", List.of(ErrorCode.VERSION_MISMATCH));
            answers.put("413", List.of(ErrorCode.PAYLOAD_TOO_LARGE));
            answers.put("415", List.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
            answers.put("422", List.of(ErrorCode.UNKNOWN_USER, ErrorCode.UNKNOWN_CALENDAR, ErrorCode.USER_INACTIVE,
                    ErrorCode.NOT_AN_AGENT, ErrorCode.IDEMPOTENCY_KEY_REUSED));
        }
        answers.put("500", List.of(ErrorCode.INTERNAL_ERROR));
        answers.put("503", List.of(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.READ_MODEL_BEHIND));
        answers.forEach((status, codes) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, problem(codes));
            }
        });
        operation.setResponses(responses);
    }

    private static void addHeader(Operation operation, String name, String description, String pattern) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                : new ArrayList<>(operation.getParameters());
        if (parameters.stream().noneMatch(p -> name.equalsIgnoreCase(p.getName()) && "header".equals(p.getIn()))) {
            parameters.add(new HeaderParameter().name(name).required(false).description(description)
                    .schema(new StringSchema().pattern(pattern)));
        }
        operation.setParameters(parameters);
    }

    private static ApiResponse problem(List<ErrorCode> codes) {
        MediaType mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        for (ErrorCode code : codes) {
            mediaType.addExamples(code.name(), new Example().summary(code.title()).value(Map.of(
                    "type", Problems.typeOf(code).toString(), "title", code.title(),
                    "status", Problems.statusOf(code).value(), "code", code.name(),
                    "detail", "What went wrong, for a person to read.", "instance", "/api/...",
                    "correlationId", "req-42")));
        }
        String description = String.join(", ", codes.stream().map(Enum::name).toList());
        ApiResponse response = new ApiResponse().description("Problem: " + description)
                .content(new Content().addMediaType(PROBLEM_MEDIA_TYPE, mediaType));
        if (codes.contains(ErrorCode.SERVICE_UNAVAILABLE)) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        StringSchema code = new StringSchema();
        code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        code.description("Stable; branch on it. Never renamed or reused.");
        ObjectSchema violation = new ObjectSchema();
        violation.addProperty("field", new StringSchema().description("The field, parameter or header at fault"));
        violation.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("An RFC 9457 problem detail. Further members appear with some codes (currentVersion, "
                + "allowedStatuses, position, requiredVersion...).");
        problem.addProperty("type", new StringSchema().format("uri").example("urn:docket:problem:validation-failed"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("code", code);
        problem.addProperty("errors", new ArraySchema().items(violation));
        problem.addProperty("correlationId", new StringSchema());
        problem.setRequired(List.of("type", "title", "status", "code"));
        problem.setAdditionalProperties(Boolean.TRUE);
        return problem;
    }
}
