package dev.docket.command.app;

/** Lets tests in other packages ask how {@link ChangeTransactions} classifies a failure. */
public final class ChangeTransactionsProbe {

    private ChangeTransactionsProbe() {
    }

    public static boolean isLostRace(Throwable e) {
        return ChangeTransactions.isLostRace(e);
    }
}
