package cifar.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The images a {@code predict} command names: each file as given, each directory as the PNG and
 * JPEG files directly in it ({@code .png}, {@code .jpg}, {@code .jpeg}, any case), by name. A
 * path that gives no image becomes an {@link Input} with its problem, so that one bad path never
 * stops the others.
 */
final class ImageFiles {
  /**
   * One image to classify, or a path that gave none.
   *
   * @param file the file (or the directory without images)
   * @param problem why it gives no image, or null
   */
  record Input(Path file, String problem) {}

  private ImageFiles() {}

  static List<Input> expand(List<Path> paths) {
    List<Input> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> images = imagesIn(p);
        if (images.isEmpty()) {
          out.add(new Input(p, "a directory without PNG or JPEG files"));
        }
        images.forEach(f -> out.add(new Input(f, null)));
      } else if (!Files.exists(p)) {
        out.add(new Input(p, "no such file"));
      } else {
        out.add(new Input(p, null));
      }
    }
    return out;
  }

  private static List<Path> imagesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> Files.isRegularFile(f) && isImageName(f)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean isImageName(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }
}
