package cifar.launch;

import cifar.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * The tcmalloc inside cifar.jar, as libtorch is inside it: Debian's libtcmalloc_minimal for
 * linux-x86_64 under {@code cifar/launch/<platform>/}, with tcmalloc.properties (its version and
 * SHA-256) and gperftools' copyright beside it. The dynamic loader can only preload a file, so it
 * is written once to the cache folder ({@code $XDG_CACHE_HOME/cifar}, else {@code
 * ~/.cache/cifar}) and checked against its SHA-256 at every start; a file there that does not
 * match is written anew.
 */
final class BundledTcmalloc {
  private static final String FOLDER = "cifar/launch/";

  private BundledTcmalloc() {}

  /** "linux-x86_64", "linux-aarch64", ... for {@code os.name} and {@code os.arch}. */
  static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux") ? "linux"
        : osName.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    String arch = switch (osArch) {
      case "amd64", "x86_64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> osArch;
    };
    return os + "-" + arch;
  }

  /** Whether this jar carries a tcmalloc for the platform. */
  static boolean available(String platform) {
    return BundledTcmalloc.class.getClassLoader()
        .getResource(FOLDER + platform + "/tcmalloc.properties") != null;
  }

  /** The folder the library is written to, for this environment. */
  static Path cacheRoot(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cifar");
  }

  /** Whether a mapped library's path is a copy of the bundled one (under the cache folder). */
  static boolean isCopy(String path, Map<String, String> env) {
    Path root = cacheRoot(env);
    try {
      root = root.toRealPath(); // the maps file names files by their real path
    } catch (IOException e) {
      // not there: no copy can be mapped from it, and the plain path does no harm
    }
    return Path.of(path).startsWith(root);
  }

  /**
   * The path of the platform's library in the cache under {@code root}, written there first if
   * it is missing or does not match its SHA-256.
   */
  static Path extract(String platform, Path root) throws IOException {
    Properties props = new Properties();
    try (InputStream in = resource(platform, "tcmalloc.properties")) {
      props.load(in);
    }
    String file = props.getProperty("file");
    String sha256 = props.getProperty("sha256");
    byte[] bytes;
    try (InputStream in = resource(platform, file)) {
      bytes = in.readAllBytes();
    }
    if (!sha256(bytes).equals(sha256)) {
      throw new IOException("the jar's " + FOLDER + platform + "/" + file
          + " does not match its SHA-256 in tcmalloc.properties");
    }
    Path target = root.resolve("tcmalloc-" + props.getProperty("version") + "-"
        + sha256.substring(0, 12)).resolve(file);
    if (Files.isRegularFile(target) && sha256(Files.readAllBytes(target)).equals(sha256)) {
      return target;
    }
    try {
      AtomicFiles.write(target, bytes);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return target;
  }

  private static InputStream resource(String platform, String name) throws IOException {
    InputStream in = BundledTcmalloc.class.getClassLoader()
        .getResourceAsStream(FOLDER + platform + "/" + name);
    if (in == null) {
      throw new IOException("the jar has no " + FOLDER + platform + "/" + name);
    }
    return in;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
