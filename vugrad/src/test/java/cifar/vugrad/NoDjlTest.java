package cifar.vugrad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * vugrad is plain Java: not one of its sources or classes may touch DJL, and they use nothing but
 * the JDK, vugrad itself and (for the study's plot) XChart, so vugrad can be built on its own.
 */
class NoDjlTest {
  private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
  private static final List<String> ALLOWED = List.of("java.", "javax.", "cifar.vugrad.", "org.knowm.xchart.");
  /** A class name in a constant pool: cifar/ followed by anything but vugrad/, or EJML. */
  private static final Pattern FOREIGN = Pattern.compile("cifar/(?!vugrad/)\\w|org/ejml");

  @Test
  void noSourceMentionsDjl() throws IOException {
    List<Path> sources = files(Path.of("src/main/java/cifar/vugrad"), ".java");
    assertTrue(sources.size() > 20, "found the vugrad sources: " + sources.size());
    for (Path source : sources) {
      String text = Files.readString(source);
      assertTrue(!text.contains("ai.djl"), source + " mentions ai.djl");
    }
  }

  /** The compiled classes too: their constant pools name every class they use. */
  @Test
  void noClassReferencesDjl() throws IOException {
    List<Path> classes = files(Path.of("target/classes/cifar/vugrad"), ".class");
    assertTrue(classes.size() > 20, "found the compiled vugrad classes: " + classes.size());
    for (Path c : classes) {
      String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      assertTrue(!bytes.contains("ai/djl") && !bytes.contains("ai.djl"), c + " references DJL");
    }
  }

  @Test
  void sourcesImportOnlyTheJdkVugradAndXchart() throws IOException {
    for (Path source : files(Path.of("src/main/java/cifar/vugrad"), ".java")) {
      Matcher m = IMPORT.matcher(Files.readString(source));
      while (m.find()) {
        String name = m.group(2);
        assertTrue(ALLOWED.stream().anyMatch(name::startsWith), source + " imports " + name);
      }
    }
  }

  @Test
  void noClassReferencesOtherCifarCodeOrEjml() throws IOException {
    for (Path c : files(Path.of("target/classes/cifar/vugrad"), ".class")) {
      String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      Matcher m = FOREIGN.matcher(bytes);
      assertTrue(!m.find(), () -> c + " references " + bytes.substring(m.start(), Math.min(bytes.length(), m.start() + 40)));
    }
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).toList();
    }
  }
}
