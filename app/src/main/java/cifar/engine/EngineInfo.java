package cifar.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import cifar.provenance.Allocator;
import cifar.provenance.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

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
   * @param flavor cpu or cuXXX, from what was loaded (see {@link Flavor})
   * @param flavorEvidence what says so
   * @param flavorWarning where DJL's flavor and the loaded libtorch disagree; else null
   * @param bundledNatives whether libtorch was loaded from this jar's CPU natives
   * @param nativesClassifier the platform of this jar's CPU natives, e.g. "linux-x86_64"; null
   *     for a jar without them
   * @param nativesSource where libtorch came from, for people
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
      String flavorEvidence, String flavorWarning, boolean bundledNatives,
      String nativesClassifier, String nativesSource, List<String> features, String cuda, List<Gpu> gpus,
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
    Flavor flavor = Flavor.current();
    Properties bundled = bundledNatives();
    Path expected = bundled == null ? null : Utils.getEngineCacheDir("pytorch")
        .resolve(bundled.getProperty("version") + "-" + bundled.getProperty("flavor") + "-"
            + bundled.getProperty("classifier"));
    boolean fromJar = expected != null
        && expected.toAbsolutePath().normalize().equals(Path.of(libtorch).toAbsolutePath().normalize());
    String classifier = bundled == null ? null : bundled.getProperty("classifier");
    return new Facts(Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
        libtorch, flavor.name(), flavor.evidence(), flavor.warning(), fromJar, classifier,
        nativesSource(fromJar, classifier, Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH")),
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
    out.add("flavor evidence:  " + f.flavorEvidence());
    if (f.flavorWarning() != null) {
      out.add("flavor warning:   " + f.flavorWarning());
    }
    out.add("natives source:   " + f.nativesSource());
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
        Flavor.current().name(), devices.stream().map(Devices::spec).toList(), Threads.intraOp());
  }

  /**
   * Where libtorch came from, in words.
   *
   * @param fromJar whether it is the jar's CPU natives, extracted by DJL
   * @param classifier the platform of the jar's natives, null for a jar without them
   * @param overridePath PYTORCH_LIBRARY_PATH, or null
   */
  static String nativesSource(boolean fromJar, String classifier, String overridePath) {
    if (fromJar) {
      return "CPU libtorch bundled in this jar (pytorch-native-cpu, " + classifier
          + "), extracted once to the folder above";
    }
    String unused = classifier == null ? "" : " (the jar's " + classifier + " CPU natives are unused)";
    if (overridePath != null && !overridePath.isBlank()) {
      return "PYTORCH_LIBRARY_PATH: a libtorch installed outside the jar" + unused;
    }
    return "not this jar's: DJL downloaded a libtorch into the folder above" + (classifier == null
        ? "" : " (this jar's CPU natives are for " + classifier + ", not this machine)");
  }

  /** native/lib/pytorch.properties of the jar's pytorch-native-cpu; null when there is none. */
  static Properties bundledNatives() {
    try (InputStream in = EngineInfo.class.getResourceAsStream("/native/lib/pytorch.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("reading native/lib/pytorch.properties from the jar", e);
    }
  }
}
