package io.densetrain.device;

/**
 * The shape rules of {@link Device}'s operations, written once and called first by every device
 * implementation (CPU, CUDA), so a wrong shape is the same {@link IllegalArgumentException} whatever
 * device runs. Element-wise operations need equal shapes ({@link #same}); the others are below.
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    /** Every matrix has the shape of {@code first}. */
    public static void same(Matrix first, Matrix... others) {
        for (Matrix o : others) Matrix.sameShape(first, o);
    }

    /** {@code upload}: one value per element of {@code dst}. */
    public static void upload(double[] src, Matrix dst) {
        if (src.length != dst.size()) {
            throw new IllegalArgumentException("upload of " + src.length + " values into " + dst);
        }
    }

    /** {@code gatherColumns}: dst has src's rows and one column per index, each index a column of src. */
    public static void gather(Matrix src, int[] columns, Matrix dst) {
        if (src.rows() != dst.rows() || columns.length != dst.cols()) {
            throw new IllegalArgumentException("gather of " + columns.length + " columns of " + src + " into " + dst);
        }
        for (int c : columns) {
            if (c < 0 || c >= src.cols()) throw new IndexOutOfBoundsException("column " + c + " of " + src);
        }
    }

    /** {@code gemm}: op(A) (m, k) times op(B) (k, n) into C (m, n). */
    public static void gemm(boolean transA, boolean transB, Matrix a, Matrix b, Matrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C " + c.rows() + "x" + c.cols());
        }
    }

    /** {@code biasActivationForward}: A has Z's shape, the bias is one column of Z's rows. */
    public static void biasActivation(Matrix z, Matrix bias, Matrix a) {
        Matrix.sameShape(z, a);
        if (bias.rows() != z.rows() || bias.cols() != 1) {
            throw new IllegalArgumentException("bias " + bias + " for " + z);
        }
    }

    /** {@code rowSums}: db is one column of dZ's rows. */
    public static void rowSums(Matrix dZ, Matrix db) {
        if (db.rows() != dZ.rows() || db.cols() != 1) {
            throw new IllegalArgumentException("row sums of " + dZ + " into " + db);
        }
    }
}
