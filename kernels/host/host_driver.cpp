// Runs one kernel launch per request on the host (see cuda_host.h). Protocol, text on stdin/stdout:
//   request:  <entry> <grid> <block> <nargs>, then per argument one of
//             f <n> <n hex words>   a float/int buffer (32-bit words)
//             d <n> <n hex words>   a double buffer (64-bit words)
//             i <int> | l <int64> | x <hex float bits>
//   response: every buffer argument again, in order, as "<n> <hex words>" lines, then "ok"
#include "cuda_host.h"
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

HostDim3 threadIdx, blockIdx, blockDim, gridDim;

// Cooperative threads of one block: each runs until its next __syncthreads() or its end. On x86-64 a
// minimal stack switch (callee-saved registers and the stack pointer; glibc's swapcontext also makes a
// signal-mask system call per switch, 100x slower); elsewhere ucontext.
static const size_t STACK = 64 * 1024;
static std::vector<char> stacks;
static std::vector<char> done;
static bool cooperative = false;
static unsigned current;
static void thread_main();

#if defined(__x86_64__)
extern "C" void dt_switch(void** save_sp, void* load_sp);
asm(R"(
    .text
    .globl dt_switch
    .type dt_switch, @function
dt_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
)");
static void* scheduler_sp;
static std::vector<void*> thread_sp;
static void trampoline() {
    thread_main();
    dt_switch(&thread_sp[current], scheduler_sp);  // never resumed
}
static void make_thread(unsigned t) {
    uintptr_t top = ((uintptr_t) (stacks.data() + (t + 1) * STACK)) & ~(uintptr_t) 15;
    void** sp = (void**) top;
    *--sp = nullptr;                 // the return address slot a call would leave: keeps the ABI's alignment
    *--sp = (void*) trampoline;      // where dt_switch's ret goes
    for (int r = 0; r < 6; r++) *--sp = nullptr;  // rbp rbx r12 r13 r14 r15
    thread_sp[t] = sp;
}
static void resume(unsigned t) { dt_switch(&scheduler_sp, thread_sp[t]); }
void host_syncthreads() {
    if (cooperative) dt_switch(&thread_sp[current], scheduler_sp);
}
static void prepare(unsigned block) { thread_sp.resize(block); }
#else
#include <ucontext.h>
static ucontext_t scheduler;
static std::vector<ucontext_t> threads;
static void make_thread(unsigned t) {
    getcontext(&threads[t]);
    threads[t].uc_stack.ss_sp = stacks.data() + t * STACK;
    threads[t].uc_stack.ss_size = STACK;
    threads[t].uc_link = &scheduler;
    makecontext(&threads[t], thread_main, 0);
}
static void resume(unsigned t) { swapcontext(&scheduler, &threads[t]); }
void host_syncthreads() {
    if (cooperative) swapcontext(&threads[current], &scheduler);
}
static void prepare(unsigned block) { threads.resize(block); }
#endif

#include "../activation_forward.cu"
#include "../activation_backward.cu"
#include "../output_gradient.cu"
#include "../dropout.cu"
#include "../l2_gradient.cu"
#include "../row_sums.cu"
#include "../optimizers.cu"
#include "../reductions.cu"
#include "../gather_columns.cu"

struct Arg {
    char kind;
    std::vector<uint32_t> words;   // f
    std::vector<uint64_t> dwords;  // d
    long long integer;
    float real;
};

static std::vector<Arg> args;
static float* F(int k) { return reinterpret_cast<float*>(args[k].words.data()); }
static int* IP(int k) { return reinterpret_cast<int*>(args[k].words.data()); }
static double* D(int k) { return reinterpret_cast<double*>(args[k].dwords.data()); }
static int I(int k) { return (int) args[k].integer; }
static long long L(int k) { return args[k].integer; }
static float X(int k) { return args[k].real; }

static bool call(const std::string& e) {
    if (e == "bias_activation_forward") bias_activation_forward(F(0), F(1), F(2), I(3), L(4), I(5));
    else if (e == "bias_softmax_forward") bias_softmax_forward(F(0), F(1), F(2), I(3), I(4));
    else if (e == "activation_backward") activation_backward(F(0), F(1), F(2), L(3), I(4));
    else if (e == "output_gradient") output_gradient(F(0), F(1), X(2), F(3), L(4));
    else if (e == "dropout_forward") dropout_forward(F(0), F(1), L(2), X(3), X(4), (unsigned) I(5), (unsigned) I(6), (unsigned long long) L(7));
    else if (e == "dropout_apply") dropout_apply(F(0), F(1), F(2), L(3), X(4), X(5));
    else if (e == "dropout_backward") dropout_backward(F(0), F(1), L(2), X(3));
    else if (e == "l2_gradient") l2_gradient(F(0), F(1), X(2), L(3));
    else if (e == "row_sums") row_sums(F(0), X(1), F(2), I(3), I(4));
    else if (e == "sgd_update") sgd_update(F(0), F(1), X(2), L(3));
    else if (e == "momentum_update") momentum_update(F(0), F(1), F(2), X(3), X(4), L(5));
    else if (e == "adam_update") adam_update(F(0), F(1), F(2), F(3), X(4), X(5), X(6), X(7), X(8), X(9), L(10));
    else if (e == "rmsprop_update") rmsprop_update(F(0), F(1), F(2), X(3), X(4), X(5), L(6));
    else if (e == "cross_entropy_partial") cross_entropy_partial(F(0), F(1), I(2), I(3), I(4), D(5));
    else if (e == "count_correct_partial") count_correct_partial(F(0), F(1), I(2), I(3), I(4), D(5));
    else if (e == "sum_squares_partial") sum_squares_partial(F(0), L(1), D(2));
    else if (e == "sum_partials") sum_partials(D(0), I(1), D(2));
    else if (e == "gather_columns") gather_columns(F(0), IP(1), I(2), I(3), F(4));
    else return false;
    return true;
}

static std::string entry_name;
static bool known;

static void thread_main() {
    known = call(entry_name);
    done[current] = 1;
}

// Runs block b: every thread until its next barrier, in thread order, round after round until all ended.
static void run_block_cooperatively(unsigned b, unsigned block) {
    prepare(block);
    done.assign(block, 0);
    if (stacks.size() < block * STACK) stacks.resize(block * STACK);
    for (unsigned t = 0; t < block; t++) make_thread(t);
    blockIdx = {b, 0, 0};
    for (unsigned left = block; left > 0;) {
        for (unsigned t = 0; t < block; t++) {
            if (done[t]) continue;
            current = t;
            threadIdx = {t, 0, 0};
            resume(t);
            if (done[t]) left--;
        }
    }
}

// The kernels that use __syncthreads (block_sum): run cooperatively.
static bool uses_barriers(const std::string& e) {
    return e == "row_sums" || e == "sum_partials" || e.size() > 8 && e.compare(e.size() - 8, 8, "_partial") == 0;
}

int main() {
    char entry[128];
    unsigned grid, block;
    int nargs;
    while (scanf("%127s %u %u %d", entry, &grid, &block, &nargs) == 4) {
        args.assign(nargs, Arg());
        for (int k = 0; k < nargs; k++) {
            char kind[4];
            if (scanf("%3s", kind) != 1) return 2;
            Arg& a = args[k];
            a.kind = kind[0];
            if (a.kind == 'f' || a.kind == 'd') {
                long long n;
                if (scanf("%lld", &n) != 1) return 2;
                for (long long i = 0; i < n; i++) {
                    unsigned long long w;
                    if (scanf("%llx", &w) != 1) return 2;
                    if (a.kind == 'f') a.words.push_back((uint32_t) w); else a.dwords.push_back(w);
                }
            } else if (a.kind == 'i' || a.kind == 'l') {
                if (scanf("%lld", &a.integer) != 1) return 2;
            } else if (a.kind == 'x') {
                unsigned w;
                if (scanf("%x", &w) != 1) return 2;
                memcpy(&a.real, &w, 4);
            } else {
                return 2;
            }
        }
        // Every (block, thread) of the launch, one after the other.
        gridDim = {grid, 1, 1};
        blockDim = {block, 1, 1};
        std::string e(entry);
        cooperative = uses_barriers(e);
        entry_name = e;
        for (unsigned b = 0; b < grid; b++) {
            if (cooperative) {
                known = true;
                run_block_cooperatively(b, block);
                if (!known) { printf("unknown %s\n", entry); fflush(stdout); return 3; }
                continue;
            }
            for (unsigned t = 0; t < block; t++) {
                blockIdx = {b, 0, 0};
                threadIdx = {t, 0, 0};
                if (!call(e)) { printf("unknown %s\n", entry); fflush(stdout); return 3; }
            }
        }
        for (int k = 0; k < nargs; k++) {
            const Arg& a = args[k];
            if (a.kind == 'f') {
                printf("%zu", a.words.size());
                for (uint32_t w : a.words) printf(" %x", w);
                printf("\n");
            } else if (a.kind == 'd') {
                printf("%zu", a.dwords.size());
                for (uint64_t w : a.dwords) printf(" %llx", (unsigned long long) w);
                printf("\n");
            }
        }
        printf("ok\n");
        fflush(stdout);
    }
    return 0;
}
