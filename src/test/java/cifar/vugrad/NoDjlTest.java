package cifar.vugrad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** vugrad is plain Java: not one of its sources or classes may touch DJL. */
class NoDjlTest {

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

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).toList();
    }
  }
}
