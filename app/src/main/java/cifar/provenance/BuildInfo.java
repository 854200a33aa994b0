package cifar.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this jar was built from, read from two files the build writes into it: the versions pinned
 * in pom.xml ({@code cifar-build.properties}, filtered by Maven) and the git commit
 * ({@code cifar-git.properties}, written by the git-commit-id plugin). Nothing asks git at run
 * time, so a result names the commit of the code that made it even far from the repository.
 */
public final class BuildInfo {
  private static final Properties BUILD = load("/cifar-build.properties");
  private static final Properties GIT = load("/cifar-git.properties");

  private BuildInfo() {}

  /** The project's version from pom.xml. */
  public static String projectVersion() {
    return BUILD.getProperty("project.version", "unknown");
  }

  public static String djlVersion() {
    return BUILD.getProperty("djl.version", "unknown");
  }

  public static String pytorchVersion() {
    return BUILD.getProperty("pytorch.version", "unknown");
  }

  /**
   * The platform whose CPU libtorch and JNI this jar holds, e.g. "linux-x86_64" (app/pom.xml's
   * cifar.native.classifier), or "unknown".
   */
  public static String nativeClassifier() {
    return BUILD.getProperty("native.classifier", "unknown");
  }

  /** The full commit id the jar was built from, or "unknown" (a build outside a git clone). */
  public static String gitCommit() {
    return GIT.getProperty("git.commit.id", "unknown");
  }

  /**
   * Whether the working tree had uncommitted changes when the jar was built, or null when
   * unknown. A dirty build's results cannot be traced to a commit alone.
   */
  public static Boolean gitDirty() {
    String dirty = GIT.getProperty("git.dirty");
    return dirty == null ? null : Boolean.valueOf(dirty);
  }

  /** "DJL 0.36.0, PyTorch 2.7.1". */
  public static String djlAndPytorch() {
    return "DJL " + djlVersion() + ", PyTorch " + pytorchVersion();
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
