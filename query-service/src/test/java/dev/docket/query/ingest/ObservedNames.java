package dev.docket.query.ingest;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the name of every observation started in the registry it is added to. */
final class ObservedNames implements ObservationHandler<Observation.Context> {

    private final List<String> names = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Observation.Context context) {
        names.add(context.getName());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    List<String> names() {
        return names;
    }
}
