package cifar.sweep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.config.RunConfig;
import cifar.provenance.Provenance;
import cifar.sweep.Durations;
import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.session.SweepTesting;
import cifar.sweep.store.RunRecord;
import cifar.training.CnnEstimator;
import cifar.training.EpochMetrics;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SweepProgressTest {
  private final AtomicLong now = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final SweepPlan plan = SweepTesting.plan(SweepTesting.FIVE, Overrides.NONE);

  @Test
  void countsRunsAndEstimatesTheTimeLeftFromEpochs() {
    // 5 runs of 3 epochs, 1 of them recorded before: 4 runs = 12 epochs to train, all of the
    // same net and batch size, so every epoch weighs the same
    SweepProgress p = new SweepProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
        now::get, 5, 1, plan.runs().subList(1, 5), CnnEstimator.CNN);
    assertEquals("sweep: 1/5 runs done (1 from earlier); 0s elapsed, time left unknown yet", p.statusLine());

    PlannedRun a = plan.runs().get(1);
    PlannedRun b = plan.runs().get(2);
    p.started(a);
    p.started(b);
    now.set(30_000_000_000L);
    p.epoch(a, new EpochMetrics(1, 1, 0.5, 0.5, 30, 100));
    p.epoch(b, new EpochMetrics(1, 1, 0.5, 0.5, 30, 100));
    // 2 epochs in 30 s: 10 epochs left take 150 s
    assertEquals("sweep: 1/5 runs done (1 from earlier), training: lr-0.002 seed 1 (epoch 1/3),"
        + " lr-huge seed 1 (epoch 1/3); 30s elapsed, about 2m30s left", p.statusLine());

    now.set(90_000_000_000L);
    RunResult ok = new RunResult(a.config(), RunStatus.OK, List.of(), 0.613, List.of(), List.of(), 90,
        null);
    p.finished(a, RunRecord.of(plan, a, ok, Shard.ALL,
        Provenance.of(Provenance.Engine.notLoaded(), "h", Instant.EPOCH, Instant.EPOCH)));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals("[2/5] " + a.id() + " lr-0.002 seed 1: 61.3% test accuracy, 1m30s\n", out);
    // 3 finished + 1 of b = 4 epochs in 90 s: 8 left take 180 s
    assertTrue(p.statusLine().endsWith("1m30s elapsed, about 3m00s left"), p.statusLine());
    assertEquals(RunConfig.baseline().with("epochs", 3).with("lr", 0.002), a.config());
  }

  @Test
  void aHeavyEpochCountsForMoreThanALightOne() {
    RunConfig light = RunConfig.baseline().with("epochs", 2).with("batch_size", 32);
    RunConfig heavy = RunConfig.baseline().with("epochs", 2).with("conv_channels", "[20, 25]");
    PlannedRun wide = new PlannedRun("w1", "w", "wide", "conv_channels=[20, 25]", heavy, null, null, "b", null);
    PlannedRun fast = new PlannedRun("f1", "f", "fast", "batch_size=32", light, null, null, "b", null);
    SweepProgress p = new SweepProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
        now::get, 2, 0, List.of(wide, fast), CnnEstimator.CNN);
    p.started(wide);
    now.set(60_000_000_000L);
    p.epoch(wide, new EpochMetrics(1, 1, 0.5, 0.5, 60, 100));
    // One epoch of the wide net in 60 s; what is left is one more of it and two light epochs,
    // which weigh less than wide ones: less than the 3 × 60 s that bare epochs would give.
    double w = LongestFirst.seconds(heavy, CnnEstimator.CNN) / 2;
    double f = LongestFirst.seconds(light, CnnEstimator.CNN) / 2;
    String expected = Durations.format(60 / w * (w + 2 * f));
    assertTrue(p.statusLine().endsWith("about " + expected + " left"), p.statusLine());
    assertTrue(60 / w * (w + 2 * f) < 150, "light epochs must weigh less: " + expected);
  }
}
