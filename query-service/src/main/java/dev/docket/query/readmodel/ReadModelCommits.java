package dev.docket.query.readmodel;

import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Tells reads that wait for a version (read your own writes) that this instance has just committed a batch to the
 * read models, so a wait ends as soon as the version it needs is in instead of at its next look. A commit made by
 * another instance is not signalled here: a waiting read still looks on its own every
 * {@link ReadProperties#lookInterval()}. A signal only says "look again"; the read model is what a read believes.
 */
@Component
public class ReadModelCommits {

    private final Object monitor = new Object();
    private long commits;

    /** Called after each commit of applied events. */
    public void committed() {
        synchronized (monitor) {
            commits++;
            monitor.notifyAll();
        }
    }

    /** How many commits there have been: take it before looking, then {@link #awaitAfter} it. */
    public long count() {
        synchronized (monitor) {
            return commits;
        }
    }

    /** Waits for a commit after the {@code seen}-th, or {@code nanos} at most. */
    void awaitAfter(long seen, long nanos) {
        long deadline = System.nanoTime() + nanos;
        synchronized (monitor) {
            long left = nanos;
            while (commits == seen && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = deadline - System.nanoTime();
            }
        }
    }
}
