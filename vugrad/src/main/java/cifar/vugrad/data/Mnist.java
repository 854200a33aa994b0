package cifar.vugrad.data;

import cifar.vugrad.InputError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * MNIST from the four standard IDX files, found in a directory as {@code name} or
 * {@code name.gz}, and downloaded (checksum verified) when missing and allowed.
 *
 * <p>As vugrad's {@code load_mnist(final=False, flatten=True)}: images flattened to 784 raw pixel
 * values (0–255, not rescaled; hence vugrad's small learning rate for MNIST), the last 5,000
 * training images held out for validation. With {@code finalRun} the test set validates instead.
 */
public final class Mnist {
  /** A well-known mirror of the canonical files (yann.lecun.com no longer serves them reliably). */
  public static final String DEFAULT_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";

  public static final int VALIDATION = 5_000;

  /** The canonical .gz files and their MD5 sums. */
  enum File {
    TRAIN_IMAGES("train-images-idx3-ubyte", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    TRAIN_LABELS("train-labels-idx1-ubyte", "d53e105ee54ea40749a09fcbcd1e9432"),
    TEST_IMAGES("t10k-images-idx3-ubyte", "9fb629c4189551a2d022fa330f9573f3"),
    TEST_LABELS("t10k-labels-idx1-ubyte", "ec29112dd5afa0611ce80d1b7f02629c");

    final String name;
    final String md5;

    File(String name, String md5) {
      this.name = name;
      this.md5 = md5;
    }
  }

  private final Path dir;
  private final String mirror;
  private final boolean download;
  private final Map<File, String> md5s;

  /**
   * @param dir where the files are, or go
   * @param mirror base URL that serves {@code <name>.gz}, ending in '/'
   * @param download whether missing files may be fetched
   */
  public Mnist(Path dir, String mirror, boolean download) {
    this(dir, mirror, download, canonicalChecksums());
  }

  /** With other checksums than the canonical ones: for tests that serve their own small files. */
  Mnist(Path dir, String mirror, boolean download, Map<File, String> md5s) {
    this.dir = dir;
    this.mirror = mirror.endsWith("/") ? mirror : mirror + "/";
    this.download = download;
    this.md5s = Map.copyOf(md5s);
  }

  private static Map<File, String> canonicalChecksums() {
    Map<File, String> md5s = new EnumMap<>(File.class);
    for (File file : File.values()) {
      md5s.put(file, file.md5);
    }
    return md5s;
  }

  public Dataset load(boolean finalRun) {
    Split train = split(File.TRAIN_IMAGES, File.TRAIN_LABELS);
    if (finalRun) {
      return new Dataset(train, split(File.TEST_IMAGES, File.TEST_LABELS), 10);
    }
    int keep = train.size() - VALIDATION;
    if (keep <= 0) {
      throw new InputError(
          dir + ": only " + train.size() + " training images, need more than " + VALIDATION
              + " to hold out a validation set");
    }
    int f = train.numFeatures();
    double[] x = train.features();
    int[] y = train.labels();
    return new Dataset(
        new Split(Arrays.copyOfRange(x, 0, keep * f), f, Arrays.copyOfRange(y, 0, keep)),
        new Split(Arrays.copyOfRange(x, keep * f, x.length), f, Arrays.copyOfRange(y, keep, y.length)),
        10);
  }

  /** The path of one file, downloading it first if it is missing and that is allowed. */
  Path locate(File file) {
    for (String candidate : new String[] {file.name, file.name + ".gz"}) {
      if (Files.isRegularFile(dir.resolve(candidate))) {
        return dir.resolve(candidate);
      }
    }
    if (!download) {
      throw new InputError(
          dir + ": neither " + file.name + " nor " + file.name + ".gz is there"
              + " (pass --download to fetch MNIST)");
    }
    return VerifiedDownload.fetch(mirror + file.name + ".gz", md5s.get(file), dir.resolve(file.name + ".gz"));
  }

  private Split split(File imagesFile, File labelsFile) {
    Idx images = Idx.read(locate(imagesFile));
    Idx labels = Idx.read(locate(labelsFile));
    if (images.dims().length != 3 || labels.dims().length != 1) {
      throw new InputError(
          images.file() + " / " + labels.file() + ": expected 3 axes of images and 1 of labels,"
              + " got " + images.dims().length + " and " + labels.dims().length);
    }
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw new InputError(
          labels.file() + ": " + labels.dims()[0] + " labels for " + n + " images in "
              + images.file());
    }
    double[] pixels = new double[images.data().length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = images.unsigned(i);
    }
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = labels.unsigned(i);
      if (classes[i] > 9) {
        throw new InputError(labels.file() + ": label " + i + " is " + classes[i] + ", not a digit");
      }
    }
    return new Split(pixels, images.dims()[1] * images.dims()[2], classes);
  }
}
