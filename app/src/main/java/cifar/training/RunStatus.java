package cifar.training;

import com.google.gson.annotations.SerializedName;

/**
 * How a run ended, or that it is still training. A diverged run is a result (the learning rate
 * was too high), not a crash. Every file writes these as the lowercase words below.
 */
public enum RunStatus {
  /** Trained for every epoch. */
  @SerializedName("ok") OK,
  /** The loss became NaN or infinite; the metrics are those of the last good epoch. */
  @SerializedName("diverged") DIVERGED,
  /** An error stopped the run; see the error message. */
  @SerializedName("failed") FAILED,
  /** Still training: only a run directory's metrics.json says this, between epochs. */
  @SerializedName("running") RUNNING;

  /** The word files use for it. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
