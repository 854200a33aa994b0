package cifar.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which malloc this process uses: glibc's own, or tcmalloc or jemalloc preloaded by {@code
 * scripts/cifar}. It matters on CPU at small batches, where libtorch allocates and frees a few
 * dozen small buffers per step, and tcmalloc serves those faster than glibc's malloc (measured:
 * docs/BENCHMARKS.md). The JVM cannot switch allocators once it runs, so this only reports.
 */
public final class Allocator {
  private static final Path MAPS = Path.of("/proc/self/maps");

  private Allocator() {}

  /** A one-line description for {@code cifar info}. */
  public static String describe() {
    List<String> maps = maps();
    return maps == null ? "unknown (" + MAPS + " not readable)" : describe(maps);
  }

  /** "tcmalloc", "jemalloc", "system" (the C library's) or "unknown": for provenance. */
  public static String name() {
    List<String> maps = maps();
    if (maps == null) {
      return "unknown";
    }
    String lib = preloaded(maps);
    return lib == null ? "system" : kind(lib);
  }

  /**
   * The description for the given lines of a {@code /proc/PID/maps} file: the first mapped
   * tcmalloc or jemalloc library, else the C library's own malloc.
   */
  static String describe(List<String> maps) {
    String lib = preloaded(maps);
    if (lib != null) {
      return kind(lib) + " (" + lib + ")";
    }
    return "the C library's malloc; training at small batches on CPU is faster through"
        + " scripts/cifar with tcmalloc installed (see docs/TRAINING.md)";
  }

  /** The path of the first tcmalloc or jemalloc library mapped, or null. */
  private static String preloaded(List<String> maps) {
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash >= 0 && !kind(line.substring(slash)).isEmpty()) {
        return line.substring(slash);
      }
    }
    return null;
  }

  /** "tcmalloc" or "jemalloc" for such a library's path, else "". */
  private static String kind(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.startsWith("libtcmalloc") ? "tcmalloc"
        : name.startsWith("libjemalloc") ? "jemalloc" : "";
  }

  private static List<String> maps() {
    try {
      return Files.readAllLines(MAPS);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
