package cifar.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import cifar.provenance.Allocator;
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

  /**
   * What {@code info} tells, gathered once (loads the engine).
   *
   * @param djlVersion DJL's version
   * @param engine the engine's name and version, e.g. "PyTorch 2.7.1"
   * @param nativeLibraries where libtorch was loaded from
   * @param flavor cpu or cuXXX
   * @param bundledNatives whether the CPU libtorch came from this jar (else DJL downloaded one)
   * @param features libtorch's build features
   * @param cuda the CUDA version DJL sees, or null
   * @param gpus the GPUs DJL sees
   * @param defaultDevice DJL's default device
   * @param intraOpThreads libtorch's intra-op threads
   * @param interOpThreads libtorch's inter-op threads
   * @param cores the cores the JVM sees
   * @param allocator the malloc in use: tcmalloc, jemalloc or system
   * @param allocatorNote the same for people: where it came from, or what would be faster
   */
  public record Facts(String djlVersion, String engine, String nativeLibraries, String flavor,
      boolean bundledNatives, List<String> features, String cuda, List<Gpu> gpus,
      String defaultDevice, int intraOpThreads, int interOpThreads, int cores, String allocator,
      String allocatorNote) {
    public Facts {
      features = List.copyOf(features);
      gpus = List.copyOf(gpus);
    }
  }

  /**
   * One GPU.
   *
   * @param device its name, e.g. "gpu:0"
   * @param computeCapability e.g. "86"
   * @param memoryGib its memory in GiB
   */
  public record Gpu(String device, String computeCapability, double memoryGib) {}

  /** The facts of this machine and process. */
  public static Facts facts() {
    Engine engine = Engine.getInstance();
    String libtorch = LibUtils.getLibtorchPath();
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < engine.getGpuCount(); i++) {
      MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
      gpus.add(new Gpu("gpu:" + i, CudaUtils.getComputeCapability(i),
          m.getMax() / (double) (1L << 30)));
    }
    return new Facts(Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
        libtorch, flavor(libtorch), EngineInfo.class.getClassLoader()
            .getResource("pytorch/cpu/linux-x86_64/libtorch_cpu.so") != null,
        JniUtils.getFeatures().stream().sorted().toList(), CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString()
            : null, gpus, engine.defaultDevice().toString(), Threads.intraOp(), Threads.interOp(),
        Runtime.getRuntime().availableProcessors(), Allocator.name(), Allocator.describe());
  }

  /** One "name: value" line per fact. */
  public static List<String> lines(Facts f) {
    List<String> out = new ArrayList<>();
    out.add("DJL version:      " + f.djlVersion());
    out.add("engine:           " + f.engine());
    out.add("native libraries: " + f.nativeLibraries());
    out.add("flavor:           " + f.flavor());
    out.add("natives source:   " + (f.bundledNatives()
        ? "CPU libtorch bundled in this jar (pytorch-native-cpu), extracted once to the folder above"
        : "not bundled: DJL downloads a matching libtorch into the folder above"));
    out.add("features:         " + String.join(", ", f.features()));
    out.add("GPUs seen:        " + f.gpus().size() + (f.cuda() != null ? " (CUDA " + f.cuda() + ")"
        : ""));
    for (Gpu g : f.gpus()) {
      out.add(String.format(Locale.ROOT, "  %-16s compute %s, %.1f GiB memory", g.device(),
          g.computeCapability(), g.memoryGib()));
    }
    out.add("default device:   " + f.defaultDevice());
    out.add("threads:          " + f.intraOpThreads() + " intra-op, " + f.interOpThreads()
        + " inter-op (cores: " + f.cores() + ")");
    out.add("memory allocator: " + f.allocatorNote());
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
