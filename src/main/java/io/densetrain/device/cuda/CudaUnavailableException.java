package io.densetrain.device.cuda;

/**
 * The CUDA device cannot be used on this machine. The message is one line that names what is missing
 * and the fix (native-check/STACK.md §3.4); {@code --device auto} prints it and falls back to the CPU.
 */
public final class CudaUnavailableException extends RuntimeException {
    public CudaUnavailableException(String message) {
        super(message);
    }

    public CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
