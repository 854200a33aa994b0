package cifar.data;

import ai.djl.repository.Repository;
import cifar.UserError;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Loads CIFAR-10 once per source, and hands the same {@link CifarDataset} to every caller while
 * one still holds it (a sweep uploads one load to each of its devices; none touches the disk
 * again). Once every device has its own copy, nothing holds the host one, and the cache does not
 * keep its 184 MB of bytes on the Java heap for the rest of the run either.
 *
 * <p>Two sources: a directory in the official binary layout ({@code --data-dir}; nothing is
 * downloaded), or, without one, DJL's {@code Cifar10} data set, which DJL downloads, verifies and
 * caches on first use.
 */
public final class CifarLoader {
  /** The folder that the official tarball unpacks to. */
  public static final String BATCHES_DIR = "cifar-10-batches-bin";

  /** The official tarball, for messages that tell the user how to get the data. */
  public static final String TARBALL_URL =
      "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

  private static final List<String> TRAIN_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");
  private static final String TEST_FILE = "test_batch.bin";
  private static final List<String> ALL_FILES =
      Stream.concat(TRAIN_FILES.stream(), Stream.of(TEST_FILE)).toList();

  // Keyed by a directory's real path or "djl " + a repository's URL; the values weakly held.
  private static final Map<String, WeakReference<CifarDataset>> CACHE = new HashMap<>();

  private CifarLoader() {}

  /**
   * The data set from {@code dataDir} in the official binary layout, or from DJL's default
   * repository when {@code dataDir} is null. Loaded on the first call for a source, then shared.
   *
   * @throws UserError for a missing directory or file, a truncated file or a bad label
   */
  public static CifarDataset load(Path dataDirOrNull) {
    if (dataDirOrNull == null) {
      return fromDjl(DjlCifarSource.DEFAULT_REPOSITORY);
    }
    requireDirectory(dataDirOrNull);
    return cached(realPath(dataDirOrNull), () -> readDirectory(batchesDir(dataDirOrNull)));
  }

  /**
   * The data set from a DJL {@code repository} laid out like DJL's own ({@code
   * https://mlrepo.djl.ai/}, e.g. a mirror of it): downloaded once, checked and cached by DJL,
   * and shared, like {@link #load}'s, while something holds it.
   */
  static CifarDataset fromDjl(Repository repository) {
    return cached("djl " + repository.getBaseUri(), () -> DjlCifarSource.load(repository));
  }

  /** The data set loaded under {@code key} if something still holds it, else a new load. */
  private static synchronized CifarDataset cached(String key, Supplier<CifarDataset> load) {
    WeakReference<CifarDataset> ref = CACHE.get(key);
    CifarDataset data = ref == null ? null : ref.get();
    if (data == null) {
      data = load.get(); // a failed load throws and caches nothing
      CACHE.put(key, new WeakReference<>(data));
    }
    return data;
  }

  /** Reads the five training batches and the test batch of a directory that holds them. */
  private static CifarDataset readDirectory(Path dir) {
    List<Path> train = TRAIN_FILES.stream().map(dir::resolve).toList();
    return new CifarDataset(
        CifarBinaryReader.read(train), CifarBinaryReader.read(List.of(dir.resolve(TEST_FILE))));
  }

  /**
   * The directory that holds the batch files: {@code DIR/cifar-10-batches-bin} as the tarball
   * unpacks, or DIR itself. Checks that every file is there, so a half-copied data set fails
   * before anything is read.
   */
  private static Path batchesDir(Path dataDir) {
    Path nested = dataDir.resolve(BATCHES_DIR);
    Path dir = countCifarFiles(nested) > 0 ? nested : dataDir;
    if (countCifarFiles(dir) == 0) {
      throw new UserError(
          "Data directory "
              + dataDir
              + " holds no CIFAR-10 files (looked for "
              + TRAIN_FILES.get(0)
              + " .. "
              + TRAIN_FILES.get(TRAIN_FILES.size() - 1)
              + " and "
              + TEST_FILE
              + " in it and in "
              + nested
              + "). "
              + howToGetData(dataDir));
    }
    for (String name : ALL_FILES) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        throw new UserError(
            "CIFAR-10 file "
                + dir.resolve(name)
                + " is missing; "
                + dir
                + " must hold all of "
                + String.join(", ", ALL_FILES)
                + ". Unpack the official tarball "
                + TARBALL_URL
                + " again.");
      }
    }
    return dir;
  }

  private static void requireDirectory(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      throw new UserError(
          "Data directory "
              + dataDir
              + (Files.exists(dataDir) ? " is not a directory. " : " does not exist. ")
              + howToGetData(dataDir));
    }
  }

  private static String howToGetData(Path dataDir) {
    return "Get the official binary tarball "
        + TARBALL_URL
        + " and unpack it there (mkdir -p "
        + dataDir
        + " && tar xzf cifar-10-binary.tar.gz -C "
        + dataDir
        + "), or run without --data-dir to let DJL download CIFAR-10.";
  }

  private static long countCifarFiles(Path dir) {
    return ALL_FILES.stream().filter(name -> Files.isRegularFile(dir.resolve(name))).count();
  }

  private static String realPath(Path dir) {
    try {
      return dir.toRealPath().toString();
    } catch (IOException e) {
      throw new UserError("Cannot resolve data directory " + dir + ": " + e, e);
    }
  }
}
