package cifar.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which malloc this process uses: glibc's own, or tcmalloc or jemalloc preloaded by {@code
 * scripts/cifar}. It matters on CPU at small batches, where libtorch allocates and frees a few
 * dozen small buffers per step (docs/BENCHMARKS.md: about 18% more images/s at batch 4 with
 * tcmalloc). The JVM cannot switch allocators once it runs, so this only reports.
 */
public final class Allocator {
  private static final Path MAPS = Path.of("/proc/self/maps");

  private Allocator() {}

  /** A one-line description for {@code cifar info}. */
  public static String describe() {
    try {
      return describe(Files.readAllLines(MAPS));
    } catch (IOException | RuntimeException e) {
      return "unknown (" + MAPS + " not readable)";
    }
  }

  /**
   * The description for the given lines of a {@code /proc/PID/maps} file: the first mapped
   * tcmalloc or jemalloc library, else the C library's own malloc.
   */
  static String describe(List<String> maps) {
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash < 0) {
        continue;
      }
      String path = line.substring(slash);
      String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (name.startsWith("libtcmalloc")) {
        return "tcmalloc (" + path + ")";
      }
      if (name.startsWith("libjemalloc")) {
        return "jemalloc (" + path + ")";
      }
    }
    return "the C library's malloc; training at small batches on CPU is faster through"
        + " scripts/cifar with tcmalloc installed (see docs/TRAINING.md)";
  }
}
