package dev.docket.mcp.tools;

import dev.docket.mcp.api.ApiRefusal;
import dev.docket.support.web.CorrelationIdFilter;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a tool for a caller and answers as MCP asks: the answer as structured content and as the same JSON in text
 * (for clients that show only text), or a tool error carrying Docket's stable code, the HTTP status and the detail,
 * so that the model can correct itself. Never a stack trace: an unexpected fault answers {@code INTERNAL_ERROR} with
 * an id to find it in the log.
 */
public final class ToolCalls {

    /** Where a transport keeps the caller in its context. */
    public static final String CALLER = "docket.caller";

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

    private final JsonMapper json;
    private final TicketTools tools;
    private final JsonSchemaValidator schemas;

    /**
     * @param schemas checks each call's arguments against the tool's input schema (the SDK's own checker, called
     *                here rather than by the SDK so that a refusal carries Docket's code like every other)
     */
    public ToolCalls(JsonMapper json, TicketTools tools, JsonSchemaValidator schemas) {
        this.json = json;
        this.tools = tools;
        this.schemas = schemas;
    }

    /** The caller a transport put in the context, if any. */
    public static @Nullable Caller caller(McpTransportContext context) {
        return context.get(CALLER) instanceof Caller caller ? caller : null;
    }

    public McpSchema.CallToolResult call(DocketTool tool, McpTransportContext context,
                                         McpSchema.CallToolRequest request) {
        Caller caller = caller(context);
        if (caller == null) {
            return error(401, "UNAUTHENTICATED", "A bearer token is required.", null);
        }
        if (tool.write() && !tools.writes().allows(tool.name())) {
            return error(403, "FORBIDDEN", "Changes through " + tool.name() + " are switched off on this Docket MCP "
                    + "server (docket.mcp.writes); only its read tools are available.", null);
        }
        if (!caller.hasAny(tool.roles())) {
            return error(403, "FORBIDDEN", "Your roles do not allow " + tool.name() + ".", null);
        }
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        JsonSchemaValidator.ValidationResponse checked = schemas.validate(tool.tool().inputSchema(), arguments);
        if (!checked.valid()) {
            return error(400, "VALIDATION_FAILED", "The arguments do not fit " + tool.name() + "'s input schema: "
                    + checked.errorMessage().replaceFirst("^Validation failed: ", ""), null);
        }
        try {
            return result(tool.handler().call(caller, new Arguments(arguments)), false);
        } catch (ApiRefusal refusal) {
            return error(refusal.status(), refusal.code(), refusal.detail(), refusal.problem());
        } catch (ToolInputException wrong) {
            ObjectNode field = json.createObjectNode().put("field", wrong.argument()).put("message", wrong.getMessage());
            return error(400, "VALIDATION_FAILED", wrong.getMessage(),
                    json.createObjectNode().set("errors", json.createArrayNode().add(field)));
        } catch (RuntimeException fault) {
            // the request's correlation id (on stdio, one of its own) finds the fault in the server's log
            String id = Objects.requireNonNullElseGet(MDC.get(CorrelationIdFilter.MDC_KEY),
                    () -> java.util.UUID.randomUUID().toString());
            log.error("Tool {} failed unexpectedly (correlation id {})", tool.name(), id, fault);
            return error(500, "INTERNAL_ERROR", "Docket's MCP server failed unexpectedly; the correlation id " + id
                    + " finds it in the server's log.", json.createObjectNode().put("correlationId", id));
        }
    }

    /**
     * The answer as structured content and, for clients that read only text, as the same JSON in a text content (as
     * the specification advises). The tree goes to the SDK as it is: its JSON mapper writes it with the rest of the
     * JSON-RPC response, without a copy as maps first.
     */
    private McpSchema.CallToolResult result(JsonNode answer, boolean error) {
        return new McpSchema.CallToolResult(List.of(new McpSchema.TextContent(json.writeValueAsString(answer))), error,
                answer, null);
    }

    private McpSchema.CallToolResult error(int status, String code, String detail, @Nullable ObjectNode problem) {
        ObjectNode error = json.createObjectNode().put("code", code).put("status", status).put("detail", detail);
        if (problem != null) {
            problem.properties().forEach(member -> {
                if (!Set.of("type", "title", "instance", "code", "status", "detail").contains(member.getKey())) {
                    error.set(member.getKey(), member.getValue());
                }
            });
        }
        if (code.equals("VERSION_MISMATCH")) {
            error.put("hint", "The ticket changed since you read it: read it again (get_ticket), decide again, and "
                    + "retry with its current version.");
        }
        return result(json.createObjectNode().set("error", error), true);
    }
}
