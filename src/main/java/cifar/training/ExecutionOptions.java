package cifar.training;

import cifar.engine.Devices;

/**
 * Where and how runs execute; not part of a {@link cifar.config.RunConfig}, because the same run
 * on another device is still the same experiment.
 *
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (see {@link Devices})
 * @param threads libtorch intra-op threads for the whole process, 0 = libtorch's default
 * @param progress told about progress within each epoch
 */
public record ExecutionOptions(String device, int threads, TrainingProgress progress) {
  public ExecutionOptions {
    device = device == null ? "auto" : device;
    progress = progress == null ? TrainingProgress.NONE : progress;
  }

  /** Best device DJL sees, libtorch's default threads, no progress output. */
  public static ExecutionOptions defaults() {
    return new ExecutionOptions("auto", 0, TrainingProgress.NONE);
  }
}
