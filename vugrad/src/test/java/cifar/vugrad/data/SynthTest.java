package cifar.vugrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SynthTest {
  @Test
  void sizesAndFeaturesAreVugrads() {
    Dataset d = Synth.load(3);
    assertEquals(60_000, d.train().size());
    assertEquals(10_000, d.validation().size());
    assertEquals(2, d.train().numFeatures());
    assertEquals(2, d.numClasses());
  }

  @Test
  void labelsFollowTheQuadraticForm() {
    Split s = Synth.load(100, 10, 5).train();
    for (int i = 0; i < s.size(); i++) {
      double x0 = s.features()[2 * i];
      double x1 = s.features()[2 * i + 1];
      // xᵀQx with Q = [[1, 0.5], [1, 0.2]] = x0² + 1.5·x0·x1 + 0.2·x1².
      double q = x0 * x0 + 1.5 * x0 * x1 + 0.2 * x1 * x1;
      assertEquals(q > 0.6 ? 1 : 0, s.labels()[i], "row " + i);
    }
  }

  @Test
  void featuresAreStandardNormal() {
    double[] x = Synth.load(1).train().features();
    double mean = Arrays.stream(x).average().orElseThrow();
    double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
    assertEquals(0, mean, 0.02);
    assertEquals(1, var, 0.02);
  }

  @Test
  void sameSeedSameData() {
    assertArrayEquals(Synth.load(50, 5, 9).train().features(), Synth.load(50, 5, 9).train().features());
    assertFalse(Arrays.equals(Synth.load(50, 5, 9).train().features(), Synth.load(50, 5, 10).train().features()));
    int[] counts = Synth.load(7).train().classCounts(2);
    assertTrue(counts[0] > 20_000 && counts[1] > 20_000, Arrays.toString(counts));
  }
}
