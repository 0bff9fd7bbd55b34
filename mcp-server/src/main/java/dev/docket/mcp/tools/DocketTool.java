package dev.docket.mcp.tools;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * One tool: what the model is shown ({@link McpSchema.Tool}: name, description, input schema, annotations), the
 * roles it is shown to, whether it changes anything (writes are offered only where the deployment switched them on),
 * and what it does.
 */
public record DocketTool(McpSchema.Tool tool, Set<Caller.Role> roles, boolean write, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        /** The answer; a refusal is thrown ({@link dev.docket.mcp.api.ApiRefusal}, {@link ToolInputException}). */
        JsonNode call(Caller caller, Arguments arguments);
    }

    public String name() {
        return tool.name();
    }
}
