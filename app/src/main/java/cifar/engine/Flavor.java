package cifar.engine;

import ai.djl.pytorch.jni.LibUtils;
import cifar.launch.ProcessMaps;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which build of libtorch this process runs, {@code cpu} or {@code cuXXX} (CUDA X.X.X), told
 * from what was loaded rather than from the folder's name: the folder of the PyTorch image
 * ({@code .../site-packages/torch/lib}) names no flavor at all.
 *
 * <p>Three witnesses, gathered by {@link #observe} and weighed by {@link #decide}:
 * <ul>
 *   <li>the native libraries the process has loaded ({@code /proc/self/maps} on Linux; elsewhere
 *       the files of libtorch's folder, all of which DJL loads): a CUDA build of libtorch has a
 *       {@code torch_cuda} (and {@code c10_cuda}) library, a CPU build has none;
 *   <li>the build's own record of its CUDA version, where it ships one next to {@code lib/}:
 *       {@code torch/version.py} of PyTorch's wheel ({@code cuda: Optional[str] = '12.8'}) or
 *       {@code build-version} of the libtorch zip ({@code 2.7.1+cu128});
 *   <li>the flavor DJL itself resolved (its {@code LibUtils.libTorch.flavor}): from the jar's
 *       {@code native/lib/pytorch.properties} for the bundled CPU libtorch, from
 *       {@code PYTORCH_FLAVOR} for a libtorch named by {@code PYTORCH_LIBRARY_PATH}. It picks
 *       the JNI folder {@code jnilib/<platform>/<flavor>/}, so a flavor that disagrees with the
 *       loaded libtorch is worth a warning.
 * </ul>
 *
 * @param name {@code cpu}, {@code cuXXX}, or {@code cuda} when a CUDA build's version is known
 *     from nowhere
 * @param evidence what says so, for people
 * @param warning where DJL's flavor and the loaded libtorch disagree, what to do; else null
 */
public record Flavor(String name, String evidence, String warning) {

  /** {@code cuda: Optional[str] = '12.8'} (or {@code = None}) in torch/version.py. */
  private static final Pattern VERSION_PY_CUDA =
      Pattern.compile("(?m)^cuda(?:\\s*:\\s*[\\w\\[\\]]+)?\\s*=\\s*(?:'([\\d.]+)'|\"([\\d.]+)\"|None)");
  /** {@code 2.7.1+cu128} or {@code 2.7.1+cpu}: PyTorch's local version label. */
  private static final Pattern LOCAL_LABEL = Pattern.compile("\\d+\\.\\d+[.\\d]*\\+(cpu|cu\\d+)\\b");

  /**
   * What {@link #decide} weighs.
   *
   * @param djlFlavor the flavor DJL resolved, e.g. "cpu", "cu128", "cpu-precxx11"; null when it
   *     cannot be read
   * @param libraries paths of the native libraries loaded (or of libtorch's folder)
   * @param librariesSource where {@code libraries} came from, for people
   * @param buildRecord the text of the build's version file, or null where there is none
   * @param buildRecordPath that file
   */
  public record Evidence(String djlFlavor, List<String> libraries, String librariesSource,
      String buildRecord, Path buildRecordPath) {
    public Evidence {
      libraries = List.copyOf(libraries);
    }
  }

  /** The flavor of the libtorch this process loaded (loads the engine first). */
  public static Flavor current() {
    return decide(observe(Path.of(LibUtils.getLibtorchPath())));
  }

  /** Gathers the evidence of this process; libtorch must be loaded. */
  static Evidence observe(Path libtorchDir) {
    List<String> maps = ProcessMaps.self();
    List<String> libraries = maps == null ? null : ProcessMaps.files(maps);
    String source = "/proc/self/maps";
    if (libraries == null) {
      libraries = filesOf(libtorchDir);
      source = "the files of " + libtorchDir;
    }
    Path parent = libtorchDir.toAbsolutePath().getParent();
    for (Path record : parent == null ? List.<Path>of()
        : List.of(parent.resolve("version.py"), parent.resolve("build-version"))) {
      if (Files.isRegularFile(record)) {
        try {
          return new Evidence(djlFlavor(), libraries, source, Files.readString(record), record);
        } catch (IOException | RuntimeException e) { // unreadable: as if there were none
          break;
        }
      }
    }
    return new Evidence(djlFlavor(), libraries, source, null, null);
  }

  /** The flavor the evidence points to; pure, so tests can give it any layout. */
  public static Flavor decide(Evidence e) {
    // Name torch_cuda rather than c10_cuda where both are loaded: it is the one people know.
    String cudaLibrary = e.libraries().stream().map(Flavor::fileName)
        .filter(Flavor::isTorchCudaLibrary)
        .min(Comparator.comparing((String n) -> !n.toLowerCase(Locale.ROOT).contains("torch_cuda")))
        .orElse(null);
    String recorded = e.buildRecord() == null ? null : recordedFlavor(e.buildRecord());
    String djl = e.djlFlavor() == null ? null : e.djlFlavor().replace("-precxx11", "");
    List<String> said = new ArrayList<>();
    String name;
    if (cudaLibrary == null) {
      name = "cpu";
      said.add("no CUDA library of libtorch is loaded (" + e.librariesSource() + ")");
    } else {
      said.add(cudaLibrary + " is loaded (" + e.librariesSource() + ")");
      if (recorded != null && recorded.startsWith("cu")) {
        name = recorded;
      } else if (djl != null && djl.startsWith("cu")) {
        name = djl;
      } else {
        name = "cuda";
      }
    }
    if (recorded != null) {
      said.add("the build records " + recorded + " (" + e.buildRecordPath() + ")");
    }
    said.add("DJL's flavor: " + (e.djlFlavor() == null ? "not readable" : e.djlFlavor()));
    return new Flavor(name, String.join("; ", said), warning(name, recorded, djl));
  }

  private static String warning(String name, String recorded, String djl) {
    if (recorded != null && !recorded.equals(name)) {
      return "the build records " + recorded + " but libtorch " + (name.equals("cpu")
          ? "has no CUDA library loaded" : "loaded as " + name);
    }
    if (djl == null) {
      return "DJL's own flavor could not be read (a DJL other than the pinned one?)";
    }
    if (djl.equals(name) || name.equals("cuda") && djl.startsWith("cu")) {
      return null;
    }
    if (name.equals("cpu")) {
      return "DJL was told flavor " + djl + " (PYTORCH_FLAVOR) but this libtorch is a CPU build:"
          + " set PYTORCH_FLAVOR=cpu or point PYTORCH_LIBRARY_PATH at a CUDA libtorch";
    }
    String wanted = name.equals("cuda") ? "cuXXX" : name;
    return "this libtorch is a " + wanted + " build but DJL took flavor " + djl
        + " (it picks the JNI by it): the two must match, PYTORCH_FLAVOR=" + wanted
        + (djl.startsWith("cu") ? " or a libtorch built for " + djl : "");
  }

  /**
   * The flavor a version file records: {@code cuXXX} or {@code cpu}; null when it says neither.
   * PyTorch's wheel writes {@code __version__ = '2.7.1+cu128'} and
   * {@code cuda: Optional[str] = '12.8'} (the wheel from PyPI has no {@code +cuXXX} label, so the
   * {@code cuda} line comes first); libtorch's zip writes {@code 2.7.1+cu128}.
   */
  static String recordedFlavor(String text) {
    Matcher cuda = VERSION_PY_CUDA.matcher(text);
    if (cuda.find()) {
      String version = cuda.group(1) != null ? cuda.group(1) : cuda.group(2);
      if (version == null) {
        return "cpu";
      }
      String[] parts = version.split("\\.");
      return "cu" + parts[0] + (parts.length > 1 ? parts[1] : "0");
    }
    Matcher label = LOCAL_LABEL.matcher(text);
    return label.find() ? label.group(1) : null;
  }

  /** libtorch_cuda.so, torch_cuda.dll, libc10_cuda.so, ...: what only a CUDA build has. */
  static boolean isTorchCudaLibrary(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.startsWith("lib")) {
      n = n.substring(3);
    }
    return (n.startsWith("torch_cuda") || n.startsWith("c10_cuda"))
        && (n.contains(".so") || n.endsWith(".dll") || n.endsWith(".dylib"));
  }

  private static List<String> filesOf(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Path::toString).toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  /**
   * The flavor DJL resolved when it loaded libtorch: the private {@code LibUtils.libTorch.flavor}
   * of pytorch-engine 0.36.0 (no public getter exists); null when that field is not there.
   */
  static String djlFlavor() {
    try {
      Field lib = LibUtils.class.getDeclaredField("libTorch");
      lib.setAccessible(true);
      Object libTorch = lib.get(null);
      if (libTorch == null) {
        return null;
      }
      Field flavor = libTorch.getClass().getDeclaredField("flavor");
      flavor.setAccessible(true);
      Object value = flavor.get(libTorch);
      return value == null ? null : value.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
