package cifar.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory, Java heap and libtorch's native allocations together. The JVM
 * alone cannot see libtorch's memory, so a leak of native tensors shows only here.
 */
public final class Memory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private Memory() {}

  /** Resident set size in MiB, from /proc/self/status; -1 where that file does not exist. */
  public static long residentMiB() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          // "VmRSS:   123456 kB"
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
