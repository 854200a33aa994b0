package cifar.vugrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.InputError;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST loading and its verified download, against a loopback server with small test files. */
class MnistTest {
  private static final int TRAIN = Mnist.VALIDATION + 12;

  @TempDir Path served;
  @TempDir Path dir;
  private HttpServer server;
  private String mirror;
  private final Map<Mnist.File, String> md5s = new EnumMap<>(Mnist.File.class);

  @BeforeEach
  void serveSmallMnist() throws Exception {
    IdxFiles.writeMnist(served, "train", TRAIN, true);
    IdxFiles.writeMnist(served, "t10k", 30, true);
    for (Mnist.File file : Mnist.File.values()) {
      md5s.put(file, md5(Files.readAllBytes(served.resolve(file.name + ".gz"))));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/mnist/",
        exchange -> {
          Path file = served.resolve(exchange.getRequestURI().getPath().substring("/mnist/".length()));
          if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void loadsPresentFilesAndHoldsOutTheLast5000() throws Exception {
    IdxFiles.writeMnist(dir, "train", TRAIN, false);
    Dataset d = new Mnist(dir, "http://unused.invalid/", false).load(false);
    assertEquals(12, d.train().size());
    assertEquals(Mnist.VALIDATION, d.validation().size());
    assertEquals(4, d.train().numFeatures());
    assertEquals(10, d.numClasses());
    // Image 3: pixels (3 + j) % 256, raw values as vugrad keeps them; label 3.
    assertArrayEquals(new double[] {3, 4, 5, 6}, d.train().rows(3, 4).values());
    assertEquals(3, d.train().labels()[3]);
    assertEquals((12 + 7) % 10, d.validation().labels()[7], "validation continues where training stops");
  }

  @Test
  void downloadsMissingFilesAndChecksThem() throws Exception {
    Dataset d = new Mnist(dir, mirror, true, md5s).load(true);
    assertEquals(TRAIN, d.train().size());
    assertEquals(30, d.validation().size(), "final run validates on the test files");
    for (Mnist.File file : Mnist.File.values()) {
      assertEquals(md5s.get(file), md5(Files.readAllBytes(dir.resolve(file.name + ".gz"))));
    }
    assertEquals(4, listing().size(), "only the four files, no leftovers: " + listing());
  }

  @Test
  void checksumMismatchFailsAndLeavesNoFile() throws Exception {
    Path images = served.resolve("train-images-idx3-ubyte.gz");
    byte[] tampered = Files.readAllBytes(images);
    tampered[tampered.length - 9] ^= 1;
    Files.write(images, tampered);
    InputError e =
        assertThrows(InputError.class, () -> new Mnist(dir, mirror, true, md5s).load(false));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains(md5s.get(Mnist.File.TRAIN_IMAGES)), e.getMessage());
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    assertEquals(List.of(), listing(), "nothing half-written is left");
  }

  @Test
  void canonicalChecksumsRejectOtherFiles() {
    InputError e = assertThrows(InputError.class, () -> new Mnist(dir, mirror, true).load(false));
    assertTrue(e.getMessage().contains("f68b3c2dcbeaaa9fbdd348bbdeb94873"), e.getMessage());
    assertEquals(List.of(), listing());
  }

  @Test
  void missingFileOnTheMirrorIsAClearError() {
    InputError e =
        assertThrows(
            InputError.class, () -> new Mnist(dir, mirror + "nothing-here/", true, md5s).load(false));
    assertTrue(e.getMessage().contains("download failed"), e.getMessage());
    assertEquals(List.of(), listing());
  }

  @Test
  void missingFilesWithoutDownloadSayHowToGetThem() {
    InputError e = assertThrows(InputError.class, () -> new Mnist(dir, mirror, false).load(false));
    assertTrue(e.getMessage().contains("--download"), e.getMessage());
  }

  @Test
  void fileUrlsWorkToo() throws Exception {
    Path source = served.resolve("t10k-labels-idx1-ubyte.gz");
    Path target = dir.resolve("labels.gz");
    VerifiedDownload.fetch(source.toUri().toString(), md5s.get(Mnist.File.TEST_LABELS), target);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
  }

  private List<Path> listing() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
