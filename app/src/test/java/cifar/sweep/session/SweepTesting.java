package cifar.sweep.session;

import cifar.sweep.file.SweepFileReader;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.SweepStore;
import cifar.training.CnnEstimator;
import cifar.training.RunExecutor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Small sweeps for tests: a plan from YAML text, and a quiet way to run it. */
public final class SweepTesting {
  private SweepTesting() {}

  /** The plan of a sweep file given as text. */
  public static SweepPlan plan(String yaml, Overrides overrides) {
    return SweepPlan.of(List.of(SweepFileReader.parse("test.yaml", yaml, "test", CnnEstimator.CNN)), overrides);
  }

  /** Opens the sweep in {@code dir} and trains what this shard still has to do. */
  public static SweepSession run(SweepPlan plan, Path dir, Shard shard, RunExecutor executor,
      int parallel, boolean rerunFailed) {
    SweepSession session = SweepSession.open(plan, dir, shard, rerunFailed, CnnEstimator.CNN);
    session.train(executor, parallel, new PrintStream(OutputStream.nullOutputStream()), false, "test-host");
    return session;
  }

  /** The sweep's records as they are merged for the report. */
  public static MergedRecords records(Path dir) {
    return MergedRecords.merge(new SweepStore(dir).readPlan(), List.of(dir));
  }

  /** Five configs: a baseline, two learning rates (one diverges), two activations. */
  public static final String FIVE = """
      name: five
      reference_accuracy: 0.62
      baseline: {epochs: 3}
      runs:
        - name: baseline
          reported: 0.62
        - name: lr-0.002
          set: {lr: 0.002}
          reported: 0.61
        - name: lr-huge
          set: {lr: 0.5}
        - name: tanh
          set: {fc_activation: tanh}
        - name: sigmoid
          set: {fc_activation: sigmoid}
      """;
}
