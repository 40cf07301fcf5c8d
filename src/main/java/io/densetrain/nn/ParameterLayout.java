package io.densetrain.nn;

/**
 * Where each parameter lives in the one flat vector θ: all weight blocks first ({@code W1 … WL}, each
 * column-major {@code (n[l], n[l-1])}), then all biases ({@code b1 … bL}). The L2 term then covers the
 * prefix {@code [0, weightCount)}, and dθ has the same layout.
 */
public final class ParameterLayout {
    private final int[] sizes;
    private final long[] weightOffset;
    private final long[] biasOffset;
    private final long weightCount;
    private final long total;

    public ParameterLayout(Architecture architecture) {
        sizes = architecture.sizes();
        int depth = sizes.length - 1;
        weightOffset = new long[depth + 1];
        biasOffset = new long[depth + 1];
        long at = 0;
        for (int l = 1; l <= depth; l++) {
            weightOffset[l] = at;
            at += (long) sizes[l] * sizes[l - 1];
        }
        weightCount = at;
        for (int l = 1; l <= depth; l++) {
            biasOffset[l] = at;
            at += sizes[l];
        }
        total = at;
    }

    public int depth() {
        return sizes.length - 1;
    }

    public long weightOffset(int layer) {
        return weightOffset[layer];
    }

    public long biasOffset(int layer) {
        return biasOffset[layer];
    }

    /** Length of the weight prefix of θ. */
    public long weightCount() {
        return weightCount;
    }

    /** Length of θ. */
    public long total() {
        return total;
    }

    /** Number of blocks, 2L: dW1..dWL then db1..dbL. */
    public int blockCount() {
        return 2 * depth();
    }

    /** Block b's name: "W1".."WL", "b1".."bL". */
    public String blockName(int block) {
        return block < depth() ? "W" + (block + 1) : "b" + (block - depth() + 1);
    }

    public long blockOffset(int block) {
        return block < depth() ? weightOffset[block + 1] : biasOffset[block - depth() + 1];
    }

    public int blockRows(int block) {
        return sizes[(block % depth()) + 1];
    }

    public int blockCols(int block) {
        return block < depth() ? sizes[block] : 1;
    }

    public long blockSize(int block) {
        return (long) blockRows(block) * blockCols(block);
    }

    /** The block that holds θ index {@code index}. */
    public int blockOf(long index) {
        for (int b = blockCount() - 1; b >= 0; b--) {
            if (index >= blockOffset(b)) {
                return b;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** "W2[1,0]": block name and (row, column) of θ index {@code index}. */
    public String coordinate(long index) {
        int b = blockOf(index);
        long local = index - blockOffset(b);
        int rows = blockRows(b);
        return blockName(b) + "[" + (local % rows) + "," + (local / rows) + "]";
    }
}
