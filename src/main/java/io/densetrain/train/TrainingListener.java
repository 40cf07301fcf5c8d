package io.densetrain.train;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Receives {@link TrainingEvent}s from {@link MiniBatchTrainer} (never per update in between records, except
 * {@link TrainingEvent.Kind#CHECKPOINT} at its period for a listener that asks for it) and may stop the run with
 * {@link TrainingEvent#stop} or {@link TrainingEvent#decide}. Early stopping, divergence and checkpoints are such
 * listeners inside the trainer; the caller's listeners see each event first.
 */
@FunctionalInterface
public interface TrainingListener {
    /** Called on the training thread; a listener that wants the run to end calls {@code event.stop(reason)}. */
    void onEvent(TrainingEvent event);

    /** The kinds of event this listener receives (asked once per run): RECORD and EPOCH_END unless overridden. */
    default Set<TrainingEvent.Kind> kinds() {
        return EnumSet.of(TrainingEvent.Kind.RECORD, TrainingEvent.Kind.EPOCH_END);
    }

    /**
     * One listener calling each of {@code listeners} in order, each for the kinds it asks for (null when the list is
     * empty, so the trainer skips events).
     */
    static TrainingListener all(List<TrainingListener> listeners) {
        List<TrainingListener> copy = listeners.stream().filter(java.util.Objects::nonNull).toList();
        if (copy.isEmpty()) return null;
        if (copy.size() == 1) return copy.get(0);
        return new ListenerGroup(copy);
    }
}
