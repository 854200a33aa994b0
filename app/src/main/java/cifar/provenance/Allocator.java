package cifar.provenance;

import cifar.launch.ProcessMaps;
import cifar.launch.Relaunch;
import java.util.List;

/**
 * Which malloc this process uses: glibc's own, the tcmalloc bundled in the jar (preloaded by
 * {@link Relaunch}), or a tcmalloc or jemalloc preloaded from the system (by {@code
 * scripts/cifar}). It matters on CPU at small batches, where libtorch allocates and frees a few
 * dozen small buffers per step, and tcmalloc serves those faster than glibc's malloc (measured:
 * docs/BENCHMARKS.md). This only reports; {@link Relaunch} chooses.
 */
public final class Allocator {
  private Allocator() {}

  /** A one-line description for {@code cifar info}. */
  public static String describe() {
    List<String> maps = ProcessMaps.self();
    if (maps == null) {
      String why = Relaunch.stayedBecause();
      return "the system's own malloc" + (why == null ? "" : " (" + why + ")");
    }
    String lib = ProcessMaps.allocator(maps);
    return describe(maps, lib != null && Relaunch.isBundledCopy(lib), Relaunch.stayedBecause());
  }

  /** "tcmalloc", "jemalloc", "system" (the C library's) or "unknown": for provenance. */
  public static String name() {
    List<String> maps = ProcessMaps.self();
    if (maps == null) {
      return "unknown";
    }
    String lib = ProcessMaps.allocator(maps);
    return lib == null ? "system" : ProcessMaps.kind(lib);
  }

  /**
   * The description for the given lines of a {@code /proc/PID/maps} file: the first mapped
   * tcmalloc or jemalloc library and where it came from, else the C library's own malloc and
   * why ({@code why}, null where no relaunch was considered: a JVM not started through the
   * jar's main classes).
   */
  static String describe(List<String> maps, boolean bundled, String why) {
    String lib = ProcessMaps.allocator(maps);
    if (lib != null) {
      return ProcessMaps.kind(lib) + ", " + (bundled ? "bundled in cifar.jar" : "preloaded from the"
          + " system") + " (" + lib + ")";
    }
    return "the C library's malloc" + (why == null ? " (this JVM was not started through"
        + " cifar.jar's main class, which would relaunch it with tcmalloc)" : " (" + why + ")");
  }
}
