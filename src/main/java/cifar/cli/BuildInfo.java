package cifar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions pinned in pom.xml, filtered into {@code cifar-build.properties} at build time. */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  public static String djlVersion() {
    return PROPS.getProperty("djl.version", "unknown");
  }

  public static String pytorchVersion() {
    return PROPS.getProperty("pytorch.version", "unknown");
  }

  static String djlAndPytorch() {
    return "DJL " + djlVersion() + ", PyTorch " + pytorchVersion();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/cifar-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
