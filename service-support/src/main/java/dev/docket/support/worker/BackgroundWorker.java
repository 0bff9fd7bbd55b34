package dev.docket.support.worker;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A loop on its own platform thread that runs while the application runs. It starts before the web server and
 * stops after it, so work accepted while the server drains is still handled; {@link #stop()} lets the loop finish
 * its current step ({@link #isStopping()} turns true) and waits for it.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

    private final String threadName;
    private final Duration stopTimeout;
    private volatile boolean running;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private final Semaphore signals = new Semaphore(0);
    private Thread thread;

    protected BackgroundWorker(String threadName, Duration stopTimeout) {
        this.threadName = threadName;
        this.stopTimeout = stopTimeout;
    }

    /** The loop. Return when {@link #isStopping()}; exceptions should be handled inside. */
    protected abstract void work();

    /** Called from {@link #stop()} to interrupt a blocking wait of the loop, if it has one. */
    protected void wake() {
    }

    protected final boolean isStopping() {
        return !running;
    }

    /** Sleeps, ending early when the worker is stopped or its thread interrupted. */
    protected final void pause(Duration duration) {
        try {
            stopSignal.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Ends the loop's current or next {@link #awaitSignal} early. Signals do not queue: several before one wait
     * end that wait and no other.
     */
    public final void signal() {
        if (signals.availablePermits() == 0) {
            signals.release();
        }
    }

    /**
     * Waits up to {@code duration} for a {@link #signal()} given since the last wait, or for the worker to be
     * stopped.
     */
    protected final void awaitSignal(Duration duration) {
        try {
            if (signals.tryAcquire(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                signals.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public final synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        thread = Thread.ofPlatform().name(threadName).start(this::work);
    }

    @Override
    public final synchronized void stop() {
        running = false;
        stopSignal.countDown();
        signal();
        wake();
        if (thread != null) {
            try {
                thread.join(stopTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
