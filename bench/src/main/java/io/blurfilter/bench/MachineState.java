package io.blurfilter.bench;

import java.util.Arrays;

/**
 * Tells what this machine's slow spells are: alternates short runs of a latency-bound loop (one
 * dependent chain of FMAs) and of two throughput-bound loops (eight independent FMA chains; an integer
 * add/xor loop) and prints each loop's spread. A lower clock would slow all three alike. If only
 * the throughput-bound loops slow down while the latency-bound one keeps its time, something else
 * is taking the core's execution resources: work on its other hyperthread (on a cloud VM, another
 * guest's vCPU on the same physical core). Then code that keeps the FMA units and instruction
 * dispatch busy (our fused kernels) loses the most, and code that waits on memory loses little.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.blurfilter.bench.MachineState [rounds] [steps per run]</pre>
 */
public final class MachineState {
    private MachineState() {}

    private static volatile double sink;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        for (int w = 0; w < 5; w++) {
            sink = oneChain(steps) + eightChains(steps) + integerChains(steps);
        }
        double[][] ms = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink = oneChain(steps);
            long t1 = System.nanoTime();
            sink = eightChains(steps);
            long t2 = System.nanoTime();
            sink = integerChains(steps);
            long t3 = System.nanoTime();
            ms[0][r] = (t1 - t0) / 1e6;
            ms[1][r] = (t2 - t1) / 1e6;
            ms[2][r] = (t3 - t2) / 1e6;
        }
        String[] names = {"one FMA chain (latency-bound)", "eight FMA chains (FMA-bound)",
            "integer add/xor loop (ALU-bound)"};
        for (int i = 0; i < 3; i++) {
            double[] s = ms[i].clone();
            Arrays.sort(s);
            System.out.printf("%-34s ms  min %6.1f  p25 %6.1f  p50 %6.1f  p75 %6.1f  max %6.1f  max/min %.2f%n",
                    names[i], s[0], s[rounds / 4], s[rounds / 2], s[rounds * 3 / 4], s[rounds - 1],
                    s[rounds - 1] / s[0]);
        }
    }

    private static double oneChain(long steps) {
        double a = 1;
        for (long i = 0; i < steps; i++) {
            a = Math.fma(a, 0.9999999, 1e-9);
        }
        return a;
    }

    /** The same number of steps, eight FMAs each: enough independent chains to fill both FMA pipes. */
    private static double eightChains(long steps) {
        double a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1;
        for (long i = 0; i < steps; i++) {
            a0 = Math.fma(a0, 0.9999999, 1e-9);
            a1 = Math.fma(a1, 0.9999999, 1e-9);
            a2 = Math.fma(a2, 0.9999999, 1e-9);
            a3 = Math.fma(a3, 0.9999999, 1e-9);
            a4 = Math.fma(a4, 0.9999999, 1e-9);
            a5 = Math.fma(a5, 0.9999999, 1e-9);
            a6 = Math.fma(a6, 0.9999999, 1e-9);
            a7 = Math.fma(a7, 0.9999999, 1e-9);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }

    private static double integerChains(long steps) {
        long a = 1, b = 2, c = 3, d = 4;
        for (long i = 0; i < steps; i++) {
            a += i;
            b ^= a;
            c += b;
            d ^= c;
        }
        return a + b + c + d;
    }
}
