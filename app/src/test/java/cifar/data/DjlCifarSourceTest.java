package cifar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicdataset.cv.classification.Cifar10;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.RemoteRepository;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Utils;
import cifar.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default source, run for real but offline: the test builds a DJL repository on disk laid
 * out like https://mlrepo.djl.ai/ (metadata.json with SHA-1 sums, gzipped files), and DJL
 * downloads from it through the same {@link RemoteRepository} code it uses for the real one, into
 * a DJL cache directory of the test's own.
 */
class DjlCifarSourceTest {
  private static final String CIFAR_PATH = "dataset/cv/ai/djl/basicdataset/cifar10";

  @TempDir Path tmp;
  private Path repository;
  private Path cache;
  private String savedCacheDir;
  private String savedEngineCacheDir;

  /** What {@link CifarLoader#load} does for DJL's repository, for one at {@code repositoryUrl}. */
  private static CifarDataset loadFromRepository(URI repositoryUrl) {
    // DJL resolves paths against the URL, so without the final slash it would drop its last part.
    String url = repositoryUrl.toString();
    URI base = url.endsWith("/") ? repositoryUrl : URI.create(url + "/");
    return CifarLoader.fromDjl(new RemoteRepository("cifar10-mirror", base));
  }

  @BeforeEach
  void useOwnDjlCache() {
    repository = tmp.resolve("repo");
    cache = tmp.resolve("djl-cache");
    savedCacheDir = System.getProperty("DJL_CACHE_DIR");
    savedEngineCacheDir = System.getProperty("ENGINE_CACHE_DIR");
    // Keep the engine's native libraries where they are; move only the data cache.
    System.setProperty("ENGINE_CACHE_DIR", Utils.getEngineCacheDir().toString());
    System.setProperty("DJL_CACHE_DIR", cache.toString());
  }

  @AfterEach
  void restoreDjlCache() {
    restore("DJL_CACHE_DIR", savedCacheDir);
    restore("ENGINE_CACHE_DIR", savedEngineCacheDir);
  }

  @Test
  void downloadsVerifiesCachesAndReadsTheRepositoryFiles() throws IOException {
    writeRepository(CifarFiles.expectedTrain(), CifarFiles.split(3, 9), null);

    CifarDataset data = loadFromRepository(repository.toUri());

    CifarLoaderTest.assertSplitEquals(CifarFiles.expectedTrain(), data.train());
    CifarLoaderTest.assertSplitEquals(CifarFiles.split(3, 9), data.test());
    assertSame(data, loadFromRepository(repository.toUri()));
    assertTrue(cachedFiles().contains("data_batch.bin"), "unpacked into DJL's cache " + cache);

    // A later process finds the files in DJL's cache and needs the repository no more.
    deleteTree(repository);
    CifarDataset again = DjlCifarSource.load(new RemoteRepository("again", repository.toUri()));
    CifarLoaderTest.assertSplitEquals(CifarFiles.split(3, 9), again.test());
  }

  @Test
  void wrongChecksumStopsWithDjlsMessageAndCachesNothing() throws IOException {
    String wrongSha1 = "0123456789abcdef0123456789abcdef01234567";
    writeRepository(CifarFiles.expectedTrain(), CifarFiles.split(3, 9), wrongSha1);

    String message =
        assertThrows(UserError.class, () -> loadFromRepository(repository.toUri()))
            .getMessage();

    assertTrue(message.contains("Checksum error"), message);
    assertTrue(message.contains(wrongSha1), message);
    assertTrue(message.contains(repository.toUri().toString()), message);
    assertTrue(message.contains("--data-dir"), message);
    assertFalse(cachedFiles().contains("data_batch.bin"), "nothing unverified left in " + cache);
  }

  @Test
  void missingRepositorySaysHowToWorkOffline() {
    String message =
        assertThrows(UserError.class, () -> loadFromRepository(repository.toUri()))
            .getMessage();

    assertTrue(message.contains("Cannot get CIFAR-10 from DJL repository " + repository.toUri()),
        message);
    assertTrue(message.contains(CifarLoader.TARBALL_URL), message);
  }

  /**
   * Our coordinates are DJL's: its own {@code Cifar10}, pointed at the same repository, finds the
   * artifact and reads the same images (as float HWC, which we turn back into CHW bytes).
   */
  @Test
  void djlsOwnCifar10ReadsTheSameImages() throws Exception {
    writeRepository(CifarFiles.expectedTrain(), CifarFiles.split(3, 9), null);
    CifarDataset ours = DjlCifarSource.load(new RemoteRepository("ours", repository.toUri()));

    try (NDManager manager = NDManager.newBaseManager()) {
      Cifar10 djl =
          Cifar10.builder()
              .optManager(manager)
              .optRepository(new RemoteRepository("djl", repository.toUri()))
              .optUsage(Dataset.Usage.TEST)
              .setSampling(1, false)
              .build();
      djl.prepare();
      try (Batch all = djl.getByRange(manager, 0, 3)) {
        byte[] pixels =
            all.getData().head().transpose(0, 3, 1, 2).toType(DataType.UINT8, false).toByteArray();
        byte[] labels = all.getLabels().head().toType(DataType.UINT8, false).toByteArray();
        assertArrayEquals(ours.test().pixels(), pixels);
        assertArrayEquals(ours.test().labels(), labels);
      }
    }
  }

  /** The repository layout DJL's RemoteRepository reads; {@code sha1} null means the true sums. */
  private void writeRepository(CifarSplit train, CifarSplit test, String sha1) throws IOException {
    Path dir = repository.resolve(CIFAR_PATH);
    Files.createDirectories(dir.resolve("1.0"));
    String trainSha1 = gzip(CifarFiles.bytes(train), dir.resolve("1.0/data_batch.bin.gz"));
    String testSha1 = gzip(CifarFiles.bytes(test), dir.resolve("1.0/test_batch.bin.gz"));
    Files.writeString(
        dir.resolve("metadata.json"),
        """
        {
          "metadataVersion": "0.2",
          "resourceType": "dataset",
          "application": "cv",
          "groupId": "ai.djl.basicdataset",
          "artifactId": "cifar10",
          "name": "cifar10",
          "artifacts": [{
            "version": "1.0",
            "snapshot": false,
            "name": "cifar10",
            "files": {
              "data_batch.bin": {"uri": "1.0/data_batch.bin.gz", "sha1Hash": "%s"},
              "test_batch.bin": {"uri": "1.0/test_batch.bin.gz", "sha1Hash": "%s"}
            }
          }]
        }
        """
            .formatted(sha1 == null ? trainSha1 : sha1, sha1 == null ? testSha1 : sha1));
  }

  /** Writes the gzipped bytes and returns the SHA-1 of the gzipped file, as DJL checks it. */
  private static String gzip(byte[] content, Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The names of the files under the test's DJL cache directory. */
  private List<String> cachedFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(cache)) {
      return paths.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
