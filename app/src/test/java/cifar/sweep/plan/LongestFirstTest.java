package cifar.sweep.plan;

import cifar.ProjectFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.sweep.file.SweepDefinition;
import cifar.sweep.file.SweepFileReader;
import cifar.training.CnnEstimator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongestFirstTest {
  private static List<PlannedRun> study(int repeats) {
    SweepDefinition study = SweepFileReader.read(ProjectFiles.path("hyperparams/study.yaml"), CnnEstimator.CNN);
    return SweepPlan.of(List.of(study), new Overrides(repeats, null, null, null)).runs();
  }

  @Test
  void theStudyStartsWithTheWideConvsAndEndsWithBatch32() {
    List<PlannedRun> order = LongestFirst.order(study(2), CnnEstimator.CNN);
    assertEquals(24, order.size());
    List<String> names = order.stream().map(PlannedRun::name).distinct().toList();
    // Measured on 2 cores (docs/BENCHMARKS.md): conv-20-25 2m21s, batch-2 1m37s, the three-conv
    // nets 1m36s-1m40s, the baseline family 1m06s-1m22s, batch-8 48s, batch-32 37s.
    assertEquals(List.of("conv-20-25", "batch-2", "conv-15-20-25", "conv-15-20-25-dropout"),
        names.subList(0, 4));
    assertEquals(List.of("batch-8", "batch-32"), names.subList(names.size() - 2, names.size()));
    // Equal estimates keep plan order: the seeds of a config stay in order.
    assertEquals(order.get(0).name(), order.get(1).name());
    assertTrue(order.get(0).seed() < order.get(1).seed());
  }

  @Test
  void theEstimateGrowsWithEpochsImagesAndNetAndShrinksWithBatch() {
    PlannedRun baseline = study(1).stream().filter(r -> r.name().equals("baseline")).findFirst()
        .orElseThrow();
    double base = LongestFirst.seconds(baseline.config(), CnnEstimator.CNN);
    // About 73 s on one core of the build machines (measured: 79 s, two runs at a time).
    assertTrue(base > 60 && base < 90, "baseline estimate " + base);
    assertEquals(2 * base, LongestFirst.seconds(baseline.config().with("epochs", "10"), CnnEstimator.CNN), 1e-9);
    assertEquals(base / 5, LongestFirst.seconds(baseline.config().with("train_limit", "10000"), CnnEstimator.CNN), 1e-9);
    assertTrue(LongestFirst.seconds(baseline.config().with("batch_size", "32"), CnnEstimator.CNN) < base);
  }
}
