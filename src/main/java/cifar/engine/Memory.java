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

  /**
   * Collects the Java heap's garbage now, so that the JVM gives the memory it freed back to the
   * system. Called once, after the data set has been uploaded to libtorch and its host copy (184
   * MB of bytes for CIFAR-10) has become garbage: otherwise G1 keeps that copy and the heap it
   * grew to while reading the files (540 MB committed) for the whole run, and its young
   * generation, enlarged step by step, keeps touching pages of that heap for the first time,
   * which showed as resident memory growing 13% from epoch 1 to epoch 5 of a {@code java -jar}
   * run. After one full collection the heap shrinks to what is live (tens of MB) and stays there:
   * a training step leaves only small DJL wrappers behind. It costs a few tens of milliseconds,
   * once per process.
   */
  public static void releaseHeap() {
    System.gc();
  }

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
