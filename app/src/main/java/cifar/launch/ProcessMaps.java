package cifar.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the lines of a {@code /proc/PID/maps} file say about a process: the files it has mapped
 * (its libraries), the first tcmalloc or jemalloc among them, and whether its C library is glibc's.
 */
public final class ProcessMaps {
  private static final Path SELF = Path.of("/proc/self/maps");

  private ProcessMaps() {}

  /** This process's maps; null where there is no /proc/self/maps (not Linux) or it is unreadable. */
  public static List<String> self() {
    try {
      return Files.readAllLines(SELF);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The path of the first tcmalloc or jemalloc library mapped, or null. */
  public static String allocator(List<String> maps) {
    for (String line : maps) {
      String path = path(line);
      if (path != null && !kind(path).isEmpty()) {
        return path;
      }
    }
    return null;
  }

  /** "tcmalloc" or "jemalloc" for such a library's path, else "". */
  public static String kind(String path) {
    String name = fileName(path);
    return name.startsWith("libtcmalloc") ? "tcmalloc"
        : name.startsWith("libjemalloc") ? "jemalloc" : "";
  }

  /** Whether glibc's C library is mapped (libc.so.6, or libc-2.NN.so before glibc 2.34). */
  static boolean glibc(List<String> maps) {
    for (String line : maps) {
      String path = path(line);
      if (path != null) {
        String name = fileName(path);
        if (name.equals("libc.so.6") || name.matches("libc-2\\.[0-9]+\\.so")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The distinct files the lines map, in their order: the libraries a process has loaded. */
  public static List<String> files(List<String> maps) {
    return maps.stream().map(ProcessMaps::path).filter(Objects::nonNull).distinct().toList();
  }

  /**
   * The file a maps line maps, or null for an anonymous one ([heap], [stack], nothing). A line is
   * address, perms, offset, dev, inode, path; the path may hold spaces, and ends in
   * " (deleted)" for a file removed since it was mapped.
   */
  private static String path(String line) {
    String[] fields = line.trim().split("\\s+", 6);
    if (fields.length < 6 || !fields[5].startsWith("/")) {
      return null;
    }
    return fields[5].replaceFirst(" \\(deleted\\)$", "");
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }
}
