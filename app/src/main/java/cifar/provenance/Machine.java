package cifar.provenance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a process runs on, as a result's provenance names it. */
public final class Machine {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private Machine() {}

  /** The name of this machine (which node of a cluster trained a run). */
  public static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /**
   * The CPU's model name, e.g. "AMD EPYC 7B13" or "Intel(R) Xeon(R) Processor": oneDNN picks its
   * kernels by CPU, and they round differently, so two CPU kinds give different digits.
   */
  public static String cpuModel() {
    try {
      return cpuModel(Files.readAllLines(CPUINFO));
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch", "unknown");
    }
  }

  /** The first "model name" of a /proc/cpuinfo, else the architecture. */
  static String cpuModel(List<String> cpuinfo) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
        return line.substring(colon + 1).trim();
      }
    }
    return System.getProperty("os.arch", "unknown");
  }

  /** "Linux 6.1.0-18-amd64 (amd64)". */
  public static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")";
  }

  /** "17.0.15 (Debian)": the runtime's version and vendor. */
  public static String java() {
    return System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
        + System.getProperty("java.vendor", "unknown") + ")";
  }

  /** The cores the JVM sees. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
