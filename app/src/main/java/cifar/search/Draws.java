package cifar.search;

import ai.djl.training.hyperparameter.param.HpSet;
import ai.djl.util.RandomUtils;
import cifar.sweep.RunIds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trials of a search, drawn from its space: trial i's value of key k depends on the
 * search's seed, i and k only. So the same seed draws the same trials on every machine (each
 * shard of a random search draws the whole list and trains its slice), a longer search begins
 * with the trials of a shorter one, and adding a key to the space leaves the other keys' draws
 * as they were.
 *
 * <p>DJL's hyperparameters draw from {@link RandomUtils#RANDOM}, one {@code java.util.Random} for
 * the whole process, and cannot be given a generator of their own. So each draw sets that
 * generator's seed first, under a lock on it: the seed is the first 64 bits of the SHA-256 of
 * "seed/trial/key", scattered, since {@code java.util.Random}'s first outputs for nearby seeds
 * are close to each other. Searches draw their trials before any training starts, so nothing
 * else in the process draws from it in between.
 */
public final class Draws {
  private Draws() {}

  /**
   * Trial {@code trial}'s (counted from 1) value of every key of the space, in the space's order.
   */
  public static Map<String, Object> trial(Space space, long seed, int trial) {
    HpSet set = space.hpSet();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : space.keys().entrySet()) {
      Object drawn;
      synchronized (RandomUtils.RANDOM) {
        RandomUtils.RANDOM.setSeed(seedOf(seed, trial, e.getKey()));
        drawn = set.getHParam(e.getKey()).random();
      }
      values.put(e.getKey(), e.getValue().value(drawn));
    }
    return values;
  }

  /** The seed of one draw: 64 bits of SHA-256("seed/trial/key"). */
  static long seedOf(long seed, int trial, String key) {
    return Long.parseUnsignedLong(RunIds.sha256(seed + "/" + trial + "/" + key).substring(0, 16), 16);
  }
}
