package cifar.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import cifar.provenance.Provenance;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What DJL and libtorch run on here, as {@code cifar info} prints it: versions, where the native
 * libraries were loaded from (and so whether they came from the jar or a download), the flavor,
 * the GPUs and the thread pools.
 */
public final class EngineInfo {
  private EngineInfo() {}

  /** One "name: value" line per fact. */
  public static List<String> lines() {
    Engine engine = Engine.getInstance();
    List<String> out = new ArrayList<>();
    out.add("DJL version:      " + Engine.getDjlVersion());
    out.add("engine:           " + engine.getEngineName() + " " + engine.getVersion());
    String libtorch = LibUtils.getLibtorchPath();
    out.add("native libraries: " + libtorch);
    out.add("flavor:           " + flavor(libtorch));
    out.add("natives source:   " + (EngineInfo.class.getClassLoader()
        .getResource("pytorch/cpu/linux-x86_64/libtorch_cpu.so") != null
        ? "CPU libtorch bundled in this jar (pytorch-native-cpu), extracted once to the folder above"
        : "not bundled: DJL downloads a matching libtorch into the folder above"));
    out.add("features:         " + String.join(", ", JniUtils.getFeatures()));
    int gpus = engine.getGpuCount();
    out.add("GPUs seen:        " + gpus + (CudaUtils.hasCuda()
        ? " (CUDA " + CudaUtils.getCudaVersionString() + ")" : ""));
    for (int i = 0; i < gpus; i++) {
      MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
      out.add(String.format(Locale.ROOT, "  gpu:%d           compute %s, %.1f GiB memory",
          i, CudaUtils.getComputeCapability(i), m.getMax() / (double) (1L << 30)));
    }
    out.add("default device:   " + engine.defaultDevice());
    out.add("threads:          " + Threads.intraOp() + " intra-op, " + Threads.interOp()
        + " inter-op (cores: " + Runtime.getRuntime().availableProcessors() + ")");
    out.add("memory allocator: " + Allocator.describe());
    return out;
  }

  /** The engine facts of runs on {@code devices}, for their provenance. Loads the engine. */
  public static Provenance.Engine provenance(List<Device> devices) {
    Engine engine = Engine.getInstance();
    return new Provenance.Engine(Engine.getDjlVersion(), engine.getVersion(),
        flavor(LibUtils.getLibtorchPath()), devices.stream().map(Devices::spec).toList(),
        Threads.intraOp());
  }

  /**
   * cpu, or cuXXX: DJL names its cache folder after the build, e.g.
   * {@code 2.7.1-20250812-cpu-linux-x86_64} or {@code 2.7.1-cu124-linux-x86_64}.
   */
  static String flavor(String libtorchPath) {
    if (libtorchPath == null) {
      return "unknown";
    }
    Path p = Path.of(libtorchPath);
    for (Path part : p) {
      for (String token : part.toString().split("-")) {
        if (token.equals("cpu") || token.matches("cu\\d+")) {
          return token;
        }
      }
    }
    return "unknown (" + p.getFileName() + ")";
  }
}
