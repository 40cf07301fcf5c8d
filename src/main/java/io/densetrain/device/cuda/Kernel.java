package io.densetrain.device.cuda;

import java.util.List;

/**
 * Every custom kernel the CUDA device launches: the PTX module (one per {@code kernels/*.cu} file,
 * committed under {@code src/main/resources/io/densetrain/kernels}), the entry name, and the parameter
 * types in order. A unit test checks each against the {@code .entry} declarations of the committed
 * PTX, so a renamed kernel or a changed signature fails without a GPU; {@link Kernels#launch} checks
 * each launch's arguments against it.
 */
enum Kernel {
    BIAS_ACTIVATION_FORWARD("activation_forward", "bias_activation_forward", Param.PTR, Param.PTR, Param.PTR, Param.I32, Param.I64, Param.I32),
    BIAS_SOFTMAX_FORWARD("activation_forward", "bias_softmax_forward", Param.PTR, Param.PTR, Param.PTR, Param.I32, Param.I32),
    ACTIVATION_BACKWARD("activation_backward", "activation_backward", Param.PTR, Param.PTR, Param.PTR, Param.I64, Param.I32),
    OUTPUT_GRADIENT("output_gradient", "output_gradient", Param.PTR, Param.PTR, Param.F32, Param.PTR, Param.I64),
    DROPOUT_FORWARD("dropout", "dropout_forward", Param.PTR, Param.PTR, Param.I64, Param.F32, Param.F32, Param.I32, Param.I32, Param.I64),
    DROPOUT_APPLY("dropout", "dropout_apply", Param.PTR, Param.PTR, Param.PTR, Param.I64, Param.F32, Param.F32),
    DROPOUT_BACKWARD("dropout", "dropout_backward", Param.PTR, Param.PTR, Param.I64, Param.F32),
    L2_GRADIENT("l2_gradient", "l2_gradient", Param.PTR, Param.PTR, Param.F32, Param.I64),
    ROW_SUMS("row_sums", "row_sums", Param.PTR, Param.F32, Param.PTR, Param.I32, Param.I32),
    SGD_UPDATE("optimizers", "sgd_update", Param.PTR, Param.PTR, Param.F32, Param.I64),
    MOMENTUM_UPDATE("optimizers", "momentum_update", Param.PTR, Param.PTR, Param.PTR, Param.F32, Param.F32, Param.I64),
    ADAM_UPDATE("optimizers", "adam_update", Param.PTR, Param.PTR, Param.PTR, Param.PTR, Param.F32, Param.F32, Param.F32,
            Param.F32, Param.F32, Param.F32, Param.I64),
    RMSPROP_UPDATE("optimizers", "rmsprop_update", Param.PTR, Param.PTR, Param.PTR, Param.F32, Param.F32, Param.F32, Param.I64),
    CROSS_ENTROPY_PARTIAL("reductions", "cross_entropy_partial", Param.PTR, Param.PTR, Param.I32, Param.I32, Param.I32, Param.PTR),
    COUNT_CORRECT_PARTIAL("reductions", "count_correct_partial", Param.PTR, Param.PTR, Param.I32, Param.I32, Param.I32, Param.PTR),
    SUM_SQUARES_PARTIAL("reductions", "sum_squares_partial", Param.PTR, Param.I64, Param.PTR),
    SUM_PARTIALS("reductions", "sum_partials", Param.PTR, Param.I32, Param.PTR),
    GATHER_COLUMNS("gather_columns", "gather_columns", Param.PTR, Param.PTR, Param.I32, Param.I32, Param.PTR);

    /** Kernel parameter kinds and their PTX parameter types. */
    enum Param {
        /** A device address (a {@link CudaMatrix} or {@link DeviceBuffer}). */
        PTR(".u64"),
        /** int or unsigned int. */
        I32(".u32"),
        /** long long or unsigned long long. */
        I64(".u64"),
        F32(".f32");

        final String ptxType;

        Param(String ptxType) {
            this.ptxType = ptxType;
        }
    }

    /** Threads per block of every launch (BLOCK in kernels/common.cuh). */
    static final int BLOCK = 256;
    /** Most blocks of a grid-stride launch. */
    static final int MAX_GRID = 8192;

    final String module;
    final String entry;
    final List<Param> params;

    Kernel(String module, String entry, Param... params) {
        this.module = module;
        this.entry = entry;
        this.params = List.of(params);
    }

    /** The committed PTX resource of this kernel's module. */
    String resource() {
        return resourceOf(module);
    }

    static String resourceOf(String module) {
        return "/io/densetrain/kernels/" + module + ".ptx";
    }

    /** Blocks for a grid-stride loop over {@code n} items. */
    static int gridFor(long n) {
        return (int) Math.max(1, Math.min(MAX_GRID, (n + BLOCK - 1) / BLOCK));
    }
}
