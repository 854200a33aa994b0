package cifar.search;

import cifar.config.RunConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file's search, as the sweep's plan keeps it in sweep.json: everything but the
 * distributions themselves, which are kept in words (the trials they drew are the plan's runs).
 *
 * @param method random or asha
 * @param seed the seed of the draws ({@link Draws})
 * @param trials how many configs are drawn
 * @param validation training images held out by every trial (the last ones); trials are ranked
 *     on them, never on the test set
 * @param maxEpochs epochs of a trial trained to the end: every trial of a random search, the
 *     last rung of ASHA
 * @param minEpochs ASHA's first rung (a random search ignores it, so that {@code --method} can
 *     switch)
 * @param reductionFactor ASHA's η: each rung promotes the top 1/η of its trials
 * @param space each searched key with its distribution in words, in the file's order
 * @param compareName the name of the config the winner is retrained against in best.yaml
 * @param compare that config (the file's baseline unless the search names one)
 */
public record Search(Method method, long seed, int trials, int validation, int maxEpochs,
    int minEpochs, int reductionFactor, Map<String, String> space, String compareName,
    RunConfig compare) {
  public Search {
    space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
  }

  /** Epochs of each rung: ASHA's ({@link Rungs}), or the one rung of a random search. */
  public List<Integer> rungs() {
    return method == Method.ASHA ? Rungs.epochs(minEpochs, maxEpochs, reductionFactor)
        : List.of(maxEpochs);
  }

  /** The same search with another method (for {@code sweep --method}). */
  public Search withMethod(Method other) {
    return new Search(other, seed, trials, validation, maxEpochs, minEpochs, reductionFactor,
        space, compareName, compare);
  }
}
