package cifar.training;

import ai.djl.Device;
import cifar.engine.Devices;
import java.util.List;

/**
 * Where and how runs execute; not part of a {@link cifar.config.RunConfig}, because the same run
 * on another device is still the same experiment.
 *
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (see {@link Devices})
 * @param gpus {@code --gpus}: K or {@code all} to train data-parallel on gpu:0..K-1; null for one
 *     device
 * @param threads libtorch intra-op threads for the whole process, 0 = libtorch's default
 * @param progress told about progress within each epoch
 */
public record ExecutionOptions(String device, String gpus, int threads, TrainingProgress progress) {
  public ExecutionOptions {
    device = device == null ? "auto" : device;
    progress = progress == null ? TrainingProgress.NONE : progress;
  }

  /** One device, no {@code --gpus}. */
  public ExecutionOptions(String device, int threads, TrainingProgress progress) {
    this(device, null, threads, progress);
  }

  /** Best device DJL sees, libtorch's default threads, no progress output. */
  public static ExecutionOptions defaults() {
    return new ExecutionOptions("auto", 0, TrainingProgress.NONE);
  }

  /**
   * The devices a run trains on (more than one: data-parallel). Loads the engine, so call it
   * after {@link cifar.engine.Threads#configure}.
   */
  public List<Device> devices() {
    return Devices.resolveAll(device, gpus);
  }
}
