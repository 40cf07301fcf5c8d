package io.densetrain.augment;

/** What a shift or rotation shows where it moves in from outside the picture. */
enum Padding {
    /** Zeros (black). */
    ZERO,
    /** The picture mirrored at its edge without repeating the edge pixel (numpy's and torchvision's "reflect"): index −i ↦ i, n−1+i ↦ n−1−i. */
    REFLECT;

    /** Integer index i reflected into 0..n−1 (REFLECT), or −1 when it is outside (ZERO). */
    int index(int i, int n) {
        if (i >= 0 && i < n) return i;
        if (this == ZERO || n == 1) return -1;
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }

    /** Real coordinate t reflected into [0, n−1] (REFLECT), or NaN when outside (ZERO). */
    double coordinate(double t, int n) {
        double eps = 1e-9;
        if (t >= -eps && t <= n - 1 + eps) return Math.max(0, Math.min(n - 1, t));
        if (this == ZERO || n == 1) return Double.NaN;
        double period = 2.0 * (n - 1);
        double k = t - period * Math.floor(t / period);
        return k <= n - 1 ? k : period - k;
    }
}
