package cifar.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The rungs of successive halving, as epochs a trial has trained when it reaches them. In Li et
 * al. (2020) rung k trains to r·η^k, for k = 0 .. ⌊log_η(R/r)⌋ (r the minimum resource, R the
 * maximum, η the reduction factor), which ends at R only when R/r is a power of η. Here the
 * last rung is R itself, as in Ray Tune's ASHA: with r = 1, R = 5, η = 3 the rungs are 1, 3 and 5
 * epochs, so the best trials train as long as a trial of a random search does.
 */
public final class Rungs {
  private Rungs() {}

  /**
   * The epochs of each rung: min, min·η, min·η², ... while below max, then max.
   *
   * @param min epochs of the first rung, at least 1 and below max
   * @param max epochs of the last rung
   * @param reduction η, at least 2
   */
  public static List<Integer> epochs(int min, int max, int reduction) {
    if (min < 1 || max <= min || reduction < 2) {
      throw new IllegalArgumentException("rungs need 1 <= min < max and a reduction of 2 or more");
    }
    List<Integer> out = new ArrayList<>();
    for (long e = min; e < max; e *= reduction) {
      out.add((int) e);
    }
    out.add(max);
    return List.copyOf(out);
  }
}
