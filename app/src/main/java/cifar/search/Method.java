package cifar.search;

import cifar.search.run.Asha;
import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/** How a search spends its trials. */
public enum Method {
  /**
   * Every trial trains to the end. Its trials are fixed by the seed, so it shards over machines
   * like a grid (each shard trains its slice of them).
   */
  @SerializedName("random") RANDOM,
  /**
   * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
   * Tuning", MLSys 2020): every trial trains a few epochs, and only the best fraction of each
   * rung is trained further ({@link Asha}).
   */
  @SerializedName("asha") ASHA;

  /** The word sweep files use: random, asha. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
