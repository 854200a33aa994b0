package cifar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.config.RunConfig;
import cifar.training.ColourData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness behind {@code BenchMain stack} runs both ways through more than one epoch (40
 * images are 10 steps; two timed turns of 7 steps wrap into the next epoch) and times both
 * halves of the net each way.
 */
class StackBenchTest {
  @Test
  void timesBothWaysAcrossAnEpochsEnd() {
    StackBench.Result r = StackBench.run(ColourData.dataset(40, 4), RunConfig.baseline(), 2, 40,
        2, 7);
    assertEquals(2, r.members());
    assertTrue(r.separate() > 0 && Double.isFinite(r.separate()), r.toString());
    assertTrue(r.stacked() > 0 && Double.isFinite(r.stacked()), r.toString());
    List<StackPartsBench.Result> parts = StackPartsBench.run(2, 1, 2);
    assertEquals(List.of("conv", "fc"), parts.stream().map(StackPartsBench.Result::part).toList());
    for (StackPartsBench.Result p : parts) {
      assertTrue(p.separateMicros() > 0 && p.stackedMicros() > 0, p.toString());
    }
  }
}
