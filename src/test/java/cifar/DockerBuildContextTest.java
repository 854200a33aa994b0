package cifar;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image's build stage compiles from what the Dockerfile copies and .dockerignore lets
 * through. A folder the Maven build reads (sources, resources) but the image does not get makes
 * the image build fail, or ship a jar without it; nothing else catches that without a Docker
 * engine.
 */
class DockerBuildContextTest {
  private static final Pattern RESOURCE_DIR =
      Pattern.compile("<resource>\\s*<directory>([^<$]+)</directory>");

  @Test
  void everyFolderTheBuildReadsIsCopiedIntoTheImage() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
    Set<String> folders = new LinkedHashSet<>(List.of("src"));
    Matcher m = RESOURCE_DIR.matcher(pom);
    while (m.find()) {
      folders.add(m.group(1).trim().split("/")[0]);
    }
    assertTrue(folders.contains("hyperparams"), "pom.xml packs hyperparams/: " + folders);
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
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
    Matcher m = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
    int files = 0;
    while (m.find()) {
      String source = m.group(1);
      assertTrue(Files.exists(Path.of(source)), "Dockerfile copies " + source + ", which is not here");
      assertTrue(ignore.contains("!" + source) || ignore.contains("!" + source + "/"),
          ".dockerignore does not let " + source + " through");
      files++;
    }
    assertTrue(files >= 4, "expected pom.xml, src, hyperparams and scripts/cifar: " + files);
  }
}
