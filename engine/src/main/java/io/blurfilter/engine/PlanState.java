package io.blurfilter.engine;

import io.blurfilter.engine.runtime.PartRunner;
import io.blurfilter.engine.runtime.Plan;
import java.util.Arrays;

/**
 * A {@link Session}'s state for one input shape: the model's plan for it and the buffers this session
 * runs that plan in (workspace, the parallel run's views of it, the input). Made together, once per
 * shape a session meets, so they always belong to the same plan; every run at that shape reuses them.
 */
final class PlanState {
    final Plan plan;
    final float[] input;
    private final int[] shape;
    private final float[][] workspace;
    /** Null for a single-threaded session. */
    private final Plan.Parallel parallel;

    private PlanState(Plan plan, int[] shape, PartRunner runner) {
        this.plan = plan;
        this.shape = shape.clone();
        this.workspace = plan.newWorkspace();
        this.parallel = runner == null ? null : plan.newParallel(workspace, runner);
        this.input = new float[Math.toIntExact(Shapes.elementCount(shape))];
    }

    /** {@code current} when it is for {@code shape}, else the state of the model's plan for it. */
    static PlanState forShape(PlanState current, Model model, int[] shape, PartRunner runner) {
        return current != null && current.isFor(shape) ? current : new PlanState(model.plan(shape), shape, runner);
    }

    /** As {@link #forShape}, for the model's {@link Model#mapPlan map plan}. */
    static PlanState forMapShape(PlanState current, Model model, int[] shape, PartRunner runner) {
        return current != null && current.isFor(shape) ? current : new PlanState(model.mapPlan(shape), shape, runner);
    }

    boolean isFor(int[] s) {
        return Arrays.equals(s, shape);
    }

    /** Height and width of the input, {@code [H, W]}. */
    int[] inputSize() {
        return new int[] {shape[2], shape[3]};
    }

    /** A fresh array for one run's output. */
    float[] newOutput() {
        return new float[Math.toIntExact(Shapes.elementCount(plan.outputShape()))];
    }

    /** A fresh array for one run's map, for a map plan. */
    float[] newMap() {
        return new float[Math.toIntExact(Shapes.elementCount(plan.mapShape()))];
    }

    /** Runs a map plan on {@code in}: the classifier output into {@code out}, the map into {@code map}. */
    void run(float[] in, float[] out, float[] map) {
        plan.run(in, out, map, workspace, parallel);
    }

    /** Runs the plan on {@code in} into {@code out}; see {@link Plan#run(float[], float[], float[][], Plan.Parallel, Plan.Site, Plan.Probe)}. */
    void run(float[] in, float[] out, Plan.Site site, Plan.Probe probe) {
        plan.run(in, out, workspace, parallel, site, probe);
    }
}
