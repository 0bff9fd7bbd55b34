package dev.docket.command.relay;

/**
 * A place in the relay's reading order: the writing transaction's id, then the global index.
 */
record RelayPosition(long txId, long globalIndex) {

    static final RelayPosition START = new RelayPosition(0, 0);
}
