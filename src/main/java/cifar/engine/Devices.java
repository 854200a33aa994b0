package cifar.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import cifar.UserError;
import java.util.Locale;

/**
 * Turns {@code --device auto|cpu|gpu|gpu:N} into a DJL {@link Device}. Asking for a GPU that DJL
 * cannot see is an error, never a silent CPU run: a user who asked for a GPU wants to know.
 */
public final class Devices {
  /** The values {@code --device} accepts, for help texts. */
  public static final String CHOICES = "auto, cpu, gpu or gpu:N";

  private Devices() {}

  /** Resolves a device spec against the GPUs the engine sees. */
  public static Device resolve(String spec) {
    return resolve(spec, Engine.getInstance().getGpuCount());
  }

  /**
   * Resolves a device spec given the GPU count (split out so the rules are testable without one).
   *
   * @throws UserError for an unknown spec or a GPU that is not there
   */
  static Device resolve(String spec, int gpuCount) {
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("auto")) {
      return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (s.equals("cpu")) {
      return Device.cpu();
    }
    int id;
    if (s.equals("gpu")) {
      id = 0;
    } else if (s.matches("gpu:\\d{1,4}")) {
      id = Integer.parseInt(s.substring(4));
    } else {
      throw new UserError("--device: value '" + spec + "' is not one of " + CHOICES);
    }
    if (id >= gpuCount) {
      throw new UserError("--device " + spec + ": DJL sees " + gpuCount + " GPU"
          + (gpuCount == 1 ? "" : "s") + " on this machine"
          + (gpuCount == 0 ? " (no CUDA GPU, or no CUDA build of PyTorch: see `cifar info`)"
              : " (valid: gpu:0.." + (gpuCount - 1) + ")")
          + "; use --device cpu or auto");
    }
    return Device.gpu(id);
  }
}
