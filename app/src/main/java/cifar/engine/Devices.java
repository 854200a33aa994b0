package cifar.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import cifar.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code --device auto|cpu|gpu|gpu:N} into a DJL {@link Device}. Asking for a GPU that DJL
 * cannot see is an error, never a silent CPU run: a user who asked for a GPU wants to know.
 */
public final class Devices {
  /** The values {@code --device} accepts, for help texts. */
  public static final String CHOICES = "auto, cpu, gpu or gpu:N";

  /** The values {@code --gpus} accepts, for help texts. */
  public static final String GPU_COUNTS = "a count K >= 1 (gpu:0..K-1) or all";

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

  /** Resolves {@code --device} and {@code --gpus} against the GPUs the engine sees. */
  public static List<Device> resolveAll(String device, String gpus) {
    return resolveAll(device, gpus, Engine.getInstance().getGpuCount());
  }

  /**
   * The devices one run trains on: {@code --device} alone gives one; {@code --gpus K} gives
   * gpu:0..K-1 (data-parallel when K &gt; 1). {@code --gpus} only combines with {@code --device}
   * auto or gpu: a CPU or one chosen GPU and K GPUs contradict each other.
   *
   * @param gpus null when {@code --gpus} was not given
   * @throws UserError for a bad count, a contradiction, or fewer GPUs than asked for
   */
  static List<Device> resolveAll(String device, String gpus, int gpuCount) {
    if (gpus == null) {
      return List.of(resolve(device, gpuCount));
    }
    String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
    if (!d.equals("auto") && !d.equals("gpu")) {
      throw new UserError("--gpus " + gpus + " cannot be combined with --device " + device
          + ": --gpus K trains on gpu:0..K-1; leave --device at auto (or gpu)");
    }
    int k = gpuCount(gpus, gpuCount);
    if (k > gpuCount) {
      throw new UserError("--gpus " + gpus + ": DJL sees " + gpuCount + " GPU"
          + (gpuCount == 1 ? "" : "s") + " on this machine"
          + (gpuCount == 0 ? " (no CUDA GPU, or no CUDA build of PyTorch: see `cifar info`)"
              : " (gpu:0.." + (gpuCount - 1) + "); ask for at most " + gpuCount));
    }
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      devices.add(Device.gpu(i));
    }
    return List.copyOf(devices);
  }

  /**
   * The devices a sweep spreads its runs over (each run on one of them): the GPUs of {@code
   * --gpus}; with {@code --device auto} every GPU DJL sees; otherwise the one device asked for.
   */
  public static List<Device> forRuns(String device, String gpus, int gpuCount) {
    String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
    if (gpus == null && d.equals("auto") && gpuCount > 1) {
      return resolveAll(device, "all", gpuCount);
    }
    return resolveAll(device, gpus, gpuCount);
  }

  /**
   * The device groups a sweep places its runs on, each run training on one group. Without {@code
   * --gpus}: one device per group, as {@link #forRuns} gives them, so parallel runs spread over
   * the GPUs one each. With {@code --gpus K}: the GPUs DJL sees cut into ⌊G/K⌋ groups of K
   * consecutive ones (gpu:0..K−1, gpu:K..2K−1, …), each run data-parallel on its group, as
   * {@code train --gpus K} trains; {@code --gpus all} is one group of every GPU.
   */
  public static List<List<Device>> groupsForRuns(String device, String gpus, int gpuCount) {
    if (gpus == null) {
      return forRuns(device, null, gpuCount).stream().map(List::of).toList();
    }
    int k = resolveAll(device, gpus, gpuCount).size(); // checks --gpus against what is there
    List<List<Device>> groups = new ArrayList<>();
    for (int first = 0; first + k <= gpuCount; first += k) {
      List<Device> group = new ArrayList<>();
      for (int i = first; i < first + k; i++) {
        group.add(Device.gpu(i));
      }
      groups.add(List.copyOf(group));
    }
    return List.copyOf(groups);
  }

  /** The {@code --device} spec that names {@code device}: {@code cpu} or {@code gpu:N}. */
  public static String spec(Device device) {
    return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
  }

  private static int gpuCount(String gpus, int gpuCount) {
    String g = gpus.trim().toLowerCase(Locale.ROOT);
    if (g.equals("all")) {
      if (gpuCount == 0) {
        throw new UserError("--gpus all: DJL sees no GPU on this machine (no CUDA GPU, or no CUDA "
            + "build of PyTorch: see `cifar info`)");
      }
      return gpuCount;
    }
    if (g.matches("\\d{1,4}") && Integer.parseInt(g) >= 1) {
      return Integer.parseInt(g);
    }
    throw new UserError("--gpus: value '" + gpus + "' is not " + GPU_COUNTS);
  }
}
