package cifar.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks sit on top of the product: no compiled class outside cifar.bench refers to one
 * of its classes (a class file's constant pool names every class it uses).
 */
class NothingImportsBenchTest {
  @Test
  void noProductionClassReferencesTheBenchmarks() throws IOException {
    Path classes = Path.of("target/classes/cifar");
    Path bench = classes.resolve("bench");
    List<Path> product;
    try (Stream<Path> walk = Files.walk(classes)) {
      product = walk.filter(p -> p.toString().endsWith(".class") && !p.startsWith(bench)).toList();
    }
    assertTrue(product.size() > 100, "found the compiled classes: " + product.size());
    assertTrue(Files.isRegularFile(bench.resolve("BenchMain.class")), "compiled " + bench);
    for (Path c : product) {
      String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      assertTrue(!bytes.contains("cifar/bench/"), c + " refers to cifar.bench");
    }
  }
}
