package cifar;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files at the project's top level (pom.xml, Dockerfile, hyperparams/, scripts/, docs/) for
 * tests, which Maven runs from their module's folder (app/), one level below.
 */
public final class ProjectFiles {
  private static final Path ROOT = findRoot(Path.of("").toAbsolutePath());

  private ProjectFiles() {}

  /** A path below the project's top level, as {@code Path.of(first, more)} names it from there. */
  public static Path path(String first, String... more) {
    return ROOT.resolve(Path.of(first, more));
  }

  private static Path findRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("hyperparams")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no project top level (a folder with pom.xml and hyperparams/) at or above " + start);
  }
}
