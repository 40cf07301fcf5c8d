package io.densetrain.device;

/**
 * A handle to a column-major {@code rows × cols} matrix that lives on a {@link Device}. Element
 * {@code (i, j)} is at linear index {@code i + j·rows}; a range of columns is a contiguous view.
 * Host code never reads a handle's memory directly: it goes through {@link Device#download}.
 */
public abstract class Matrix {
    private final int rows;
    private final int cols;

    protected Matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    /** Number of elements, {@code rows·cols}. */
    public final long size() {
        return (long) rows * cols;
    }

    /** Throws unless {@code a} and {@code b} have the same shape (every device's elementwise kernels need it). */
    public static void sameShape(Matrix a, Matrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("shape mismatch: " + a.rows() + "x" + a.cols() + " vs " + b.rows() + "x" + b.cols());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + rows + "x" + cols + ")";
    }
}
