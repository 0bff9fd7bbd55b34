package dev.docket.query.ticket;

/** A filter the parser or the compiler refuses; {@code position} is 1-based in the expression (0: a parameter). */
final class FilterSyntaxException extends RuntimeException {

    private final int position;

    FilterSyntaxException(int position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    int position() {
        return position;
    }
}
