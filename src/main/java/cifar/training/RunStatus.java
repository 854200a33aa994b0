package cifar.training;

/** How a run ended. A diverged run is a result (the learning rate was too high), not a crash. */
public enum RunStatus {
  /** Trained for every epoch. */
  OK,
  /** The loss became NaN or infinite; the metrics are those of the last good epoch. */
  DIVERGED,
  /** An error stopped the run; see the error message. */
  FAILED
}
