package io.densetrain.train;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Listeners called in order, each only for the {@link TrainingListener#kinds} it asked for (read once here, so an
 * event costs one array lookup per listener and a kind nobody wants costs nothing).
 */
final class ListenerGroup implements TrainingListener {
    private final TrainingListener[] members;
    private final boolean[][] wants; // [member][kind ordinal]
    private final boolean[] any = new boolean[TrainingEvent.Kind.values().length];
    private final Set<TrainingEvent.Kind> kinds = EnumSet.noneOf(TrainingEvent.Kind.class);

    ListenerGroup(List<TrainingListener> listeners) {
        members = listeners.stream().filter(java.util.Objects::nonNull).toArray(TrainingListener[]::new);
        wants = new boolean[members.length][any.length];
        for (int i = 0; i < members.length; i++) {
            for (TrainingEvent.Kind k : members[i].kinds()) {
                wants[i][k.ordinal()] = true;
                any[k.ordinal()] = true;
                kinds.add(k);
            }
        }
    }

    /** Whether some member receives {@code kind}: the trainer builds no event otherwise. */
    boolean wants(TrainingEvent.Kind kind) {
        return any[kind.ordinal()];
    }

    @Override
    public void onEvent(TrainingEvent event) {
        int k = event.kind().ordinal();
        for (int i = 0; i < members.length; i++) {
            if (wants[i][k]) members[i].onEvent(event);
        }
    }

    @Override
    public Set<TrainingEvent.Kind> kinds() {
        return EnumSet.copyOf(kinds);
    }
}
