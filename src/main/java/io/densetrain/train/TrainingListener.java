package io.densetrain.train;

import java.util.List;

/**
 * Receives {@link TrainingEvent}s from {@link MiniBatchTrainer} (at cost records and epoch ends only, never per
 * update in between) and may stop the run with {@link TrainingEvent#stop}.
 */
@FunctionalInterface
public interface TrainingListener {
    /** Called on the training thread; a listener that wants the run to end calls {@code event.stop(reason)}. */
    void onEvent(TrainingEvent event);

    /** One listener calling each of {@code listeners} in order (null when the list is empty, so the trainer skips events). */
    static TrainingListener all(List<TrainingListener> listeners) {
        List<TrainingListener> copy = listeners.stream().filter(java.util.Objects::nonNull).toList();
        if (copy.isEmpty()) return null;
        if (copy.size() == 1) return copy.get(0);
        return e -> copy.forEach(l -> l.onEvent(e));
    }
}
