package cifar;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image's build stage compiles from what the Dockerfile copies and .dockerignore lets
 * through. A folder the Maven build reads (a module, a resource folder) but the image does not
 * get makes the image build fail, or ship a jar without it; nothing else catches that without a
 * Docker engine.
 */
class DockerBuildContextTest {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern RESOURCE_DIR =
      Pattern.compile("<resource>\\s*<directory>(?:\\$\\{project.basedir\\}/\\.\\./)?([^<$]+)</directory>");
  private static final Pattern COPY = Pattern.compile("(?m)^COPY (?!--from)(.+)$");

  @Test
  void everyFolderTheBuildReadsIsCopiedIntoTheImage() throws IOException {
    String dockerfile = Files.readString(ProjectFiles.path("Dockerfile"));
    List<String> ignore = Files.readAllLines(ProjectFiles.path(".dockerignore"));
    Set<String> folders = new LinkedHashSet<>();
    Matcher modules = MODULE.matcher(Files.readString(ProjectFiles.path("pom.xml")));
    while (modules.find()) {
      folders.add(modules.group(1).trim());
    }
    assertTrue(folders.containsAll(List.of("vugrad", "app")), "pom.xml's modules: " + folders);
    Matcher resources = RESOURCE_DIR.matcher(Files.readString(ProjectFiles.path("app", "pom.xml")));
    while (resources.find()) {
      String dir = resources.group(1).trim().split("/")[0];
      if (!dir.equals("src")) { // app/src is inside the app module
        folders.add(dir);
      }
    }
    assertTrue(folders.contains("hyperparams"), "app/pom.xml packs hyperparams/: " + folders);
    for (String folder : folders) {
      assertTrue(dockerfile.contains("COPY " + folder + " ./" + folder),
          "Dockerfile's build stage does not copy " + folder + "/");
      assertTrue(ignore.contains("!" + folder + "/"),
          ".dockerignore does not let " + folder + "/ through");
    }
    assertFalse(ignore.contains("!data/"), "the data set must not travel to the Docker engine");
  }

  @Test
  void everyFileCopiedFromTheContextIsLetThrough() throws IOException {
    String dockerfile = Files.readString(ProjectFiles.path("Dockerfile"));
    List<String> ignore = Files.readAllLines(ProjectFiles.path(".dockerignore"));
    Matcher m = COPY.matcher(dockerfile);
    List<String> sources = new ArrayList<>();
    while (m.find()) {
      List<String> words = Arrays.asList(m.group(1).trim().split("\\s+"));
      sources.addAll(words.subList(0, words.size() - 1)); // the last word is the destination
    }
    for (String source : sources) {
      assertTrue(Files.exists(ProjectFiles.path(source)),
          "Dockerfile copies " + source + ", which is not here");
      assertTrue(letThrough(ignore, source), ".dockerignore does not let " + source + " through");
    }
    assertTrue(sources.containsAll(List.of("pom.xml", "vugrad", "app", "hyperparams", "scripts")),
        "expected the poms, both modules, hyperparams and scripts: " + sources);
  }

  /** Whether a `!path` line of .dockerignore names the source or a folder it lies in. */
  private static boolean letThrough(List<String> ignore, String source) {
    for (Path p = Path.of(source); p != null; p = p.getParent()) {
      if (ignore.contains("!" + p) || ignore.contains("!" + p + "/")) {
        return true;
      }
    }
    return false;
  }
}
