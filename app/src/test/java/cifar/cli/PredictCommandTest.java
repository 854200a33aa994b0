package cifar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.data.CifarLoader;
import cifar.data.CifarSplit;
import cifar.json.Json;
import cifar.sweep.session.TinyCifar;
import cifar.training.ExecutionOptions;
import cifar.training.RunDirectory;
import cifar.training.TrainedModel;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cifar predict} on a model trained here, against what {@code evaluate} computes. */
class PredictCommandTest {
  private static final int TEST_IMAGES = 60;

  @TempDir static Path tmp;
  private static Path data;
  private static Path run;
  private static CifarSplit test;

  @BeforeAll
  static void trainAModel() throws Exception {
    data = TinyCifar.write(tmp.resolve("data"), 100, TEST_IMAGES);
    run = tmp.resolve("run");
    Cli.Result trained = Cli.run(Main.commandLine(), "train", "--data-dir", data.toString(),
        "--epochs", "1", "--lr", "0.01", "--out", run.toString(), "--device", "cpu");
    assertEquals(0, trained.code(), trained.err());
    test = CifarLoader.load(data).test();
  }

  /** Writes test image i as a 32×32 PNG. */
  private static Path png(Path dir, int i) throws Exception {
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    int plane = 32 * 32;
    byte[] px = test.pixels();
    for (int p = 0; p < plane; p++) {
      int base = i * CifarSplit.IMAGE_BYTES + p;
      img.setRGB(p % 32, p / 32, (px[base] & 0xff) << 16 | (px[base + plane] & 0xff) << 8
          | (px[base + 2 * plane] & 0xff));
    }
    Path file = dir.resolve(String.format(Locale.ROOT, "test-%03d.png", i));
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @Test
  void testImagesAsPngFilesGetTheClassesEvaluateComputes() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("png"));
    for (int i = 0; i < TEST_IMAGES; i++) {
      png(images, i);
    }
    Cli.Result r = Cli.run(Main.commandLine(), "predict", "--run", run.toString(),
        images.toString(), "--json", "--top", "10", "--device", "cpu");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = Json.parseStrict(r.out()).getAsJsonObject();
    assertEquals(1, doc.get("format").getAsInt());
    List<JsonElement> predictions = doc.getAsJsonArray("predictions").asList();
    assertEquals(TEST_IMAGES, predictions.size());

    RunDirectory dir = RunDirectory.open(run);
    long[] evaluated;
    try (TrainedModel model = TrainedModel.load(dir.readConfig(), dir.parameters(),
        new ExecutionOptions("cpu", 0, null))) {
      evaluated = model.classes(test);
    }
    long[] predicted = new long[TEST_IMAGES];
    for (int i = 0; i < TEST_IMAGES; i++) {
      JsonObject p = predictions.get(i).getAsJsonObject();
      assertTrue(p.get("file").getAsString().endsWith(String.format(Locale.ROOT, "test-%03d.png", i)));
      List<JsonElement> top = p.getAsJsonArray("top").asList();
      assertEquals(10, top.size());
      double sum = 0;
      double last = 1;
      for (JsonElement t : top) {
        double prob = t.getAsJsonObject().get("probability").getAsDouble();
        assertTrue(prob <= last, "ranked most likely first: " + p);
        last = prob;
        sum += prob;
      }
      assertEquals(1.0, sum, 1e-9, "the probabilities of all 10 classes add up to 1");
      predicted[i] = List.of(CifarSplit.CLASSES)
          .indexOf(top.get(0).getAsJsonObject().get("class_name").getAsString());
    }
    assertArrayEquals(evaluated, predicted);

    // and scored against the labels, the predicted classes give the numbers evaluate prints
    Cli.Result e = Cli.run(Main.commandLine(), "evaluate", "--run", run.toString(),
        "--data-dir", data.toString(), "--device", "cpu");
    assertEquals(0, e.code(), e.err());
    int right = 0;
    for (int i = 0; i < TEST_IMAGES; i++) {
      right += predicted[i] == test.labels()[i] ? 1 : 0;
    }
    assertTrue(e.out().contains(String.format(Locale.ROOT, "on the %d test images: %.1f %%",
        TEST_IMAGES, 100.0 * right / TEST_IMAGES)), e.out());
  }

  @Test
  void aBadPathIsNamedOnOneLineAndTheOtherImagesAreStillClassified() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("mixed"));
    Path good = png(dir, 0);
    Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
    byte[] whole = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(whole, 60));
    Path empty = Files.createDirectories(tmp.resolve("no-images"));
    Path missing = dir.resolve("missing.jpg");
    Path good2 = png(Files.createDirectories(tmp.resolve("more")), 1);
    Cli.Result r = Cli.run(Main.commandLine(), "predict", "--run", run.toString(),
        text.toString(), good.toString(), missing.toString(), empty.toString(),
        truncated.toString(), good2.toString(), "--device", "cpu");
    assertEquals(1, r.code(), "a failed image makes exit code 1");
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith(good + ": ") && lines.get(1).startsWith(good2 + ": "), r.out());
    assertTrue(lines.get(0).matches(".*: [a-z]+ \\d+\\.\\d%, [a-z]+ \\d+\\.\\d%, [a-z]+ \\d+\\.\\d%"),
        "the top 3 by default: " + lines.get(0));
    List<String> errors = new ArrayList<>(r.err().lines().toList());
    assertEquals(List.of(
        "error: " + text + ": not a PNG or JPEG file",
        "error: " + missing + ": no such file",
        "error: " + empty + ": a directory without PNG or JPEG files"), errors.subList(0, 3));
    assertTrue(errors.get(3).startsWith("error: " + truncated + ": a PNG file that DJL cannot"
        + " decode"), errors.get(3));
    assertEquals(4, errors.size(), r.err());
  }

  @Test
  void badOptionsStopWithExitCodeTwo() {
    Cli.Result top = Cli.run(Main.commandLine(), "predict", "--run", run.toString(), "--top", "0",
        "x.png");
    assertEquals(2, top.code());
    assertTrue(top.err().contains("--top: value '0' must be between 1 and 10"), top.err());
    Cli.Result noRun = Cli.run(Main.commandLine(), "predict", "--run",
        tmp.resolve("nothing").toString(), "x.png");
    assertEquals(2, noRun.code());
    assertTrue(noRun.err().contains("has no config.yaml"), noRun.err());
  }
}
