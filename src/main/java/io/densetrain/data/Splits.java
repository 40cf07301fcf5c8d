package io.densetrain.data;

/** Train, dev and test sets with the same feature columns; dev and test may be empty. */
public record Splits(Dataset train, Dataset dev, Dataset test) {

    /** A train/test pair without a dev set. */
    public static Splits of(TrainTest split) {
        return new Splits(split.train(), split.train().head(0), split.test());
    }
}
