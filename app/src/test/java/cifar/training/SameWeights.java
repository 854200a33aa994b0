package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.List;

/** Asserts that two nets trained by different paths hold the same parameters, to the bit. */
public final class SameWeights {
  private SameWeights() {}

  public static void assertSameWeights(Block expected, Block actual) {
    List<NDArray> e = EpochLoop.parametersOf(expected);
    List<NDArray> a = EpochLoop.parametersOf(actual);
    assertEquals(e.size(), a.size());
    for (int i = 0; i < e.size(); i++) {
      assertArrayEquals(e.get(i).toFloatArray(), a.get(i).toFloatArray(), "parameter " + i);
    }
  }
}
