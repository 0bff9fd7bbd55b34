package dev.docket.mcp.tools;

/** An argument a tool cannot use, named, in words a model can act on. */
public final class ToolInputException extends RuntimeException {

    private final String argument;

    public ToolInputException(String argument, String message) {
        super(message, null, false, false);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
