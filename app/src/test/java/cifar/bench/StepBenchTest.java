package cifar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.training.ColourData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The A/B harness behind {@code BenchMain step}: both variants must train the same net to the
 * same numbers (the comparison is only about time), and the chunks must cover every image, also
 * when the chunk does not divide the epoch.
 */
class StepBenchTest {
  @Test
  void bothForwardsTrainTheSameNumbersAndEveryImageIsSeen() {
    // 202 images: 50 full steps and one of 2, in chunks of 7 steps (the last chunk is short).
    // The epoch's score compares the logits of every step with all 202 labels, so a step left
    // out or run twice would fail there on the shapes.
    List<StepBench.Result> results = StepBench.run(ColourData.dataset(202, 10), 202, 2, 7);
    assertEquals(List.of("block", "direct"), results.stream().map(StepBench.Result::variant).toList());
    StepBench.Result block = results.get(0);
    StepBench.Result direct = results.get(1);
    assertTrue(Double.isFinite(block.loss()) && block.loss() > 0, "loss " + block.loss());
    assertEquals(block.loss(), direct.loss(), 0.0, "same ops, same numbers");
    assertEquals(block.accuracy(), direct.accuracy(), 0.0);
    for (StepBench.Result r : results) {
      assertTrue(r.imagesPerSecond() > 0 && Double.isFinite(r.imagesPerSecond()), r.toString());
    }
  }
}
