package cifar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CifarLoaderTest {
  @TempDir Path tmp;

  /** The tarball's layout (DIR/cifar-10-batches-bin/*.bin) and the files directly in DIR. */
  @ParameterizedTest
  @ValueSource(strings = {CifarLoader.BATCHES_DIR, ""})
  void readsPixelsAndLabelsUnchanged(String subdirectory) throws IOException {
    CifarFiles.writeDataSet(tmp.resolve(subdirectory));

    CifarDataset data = CifarLoader.load(tmp);

    assertSplitEquals(CifarFiles.expectedTrain(), data.train());
    assertSplitEquals(CifarFiles.split(3, 9), data.test());
  }

  @Test
  void loadsEachDirectoryOncePerProcess() throws IOException {
    CifarFiles.writeDataSet(tmp);

    CifarDataset first = CifarLoader.load(tmp);
    Files.delete(tmp.resolve("test_batch.bin")); // a second read would now fail

    assertSame(first, CifarLoader.load(tmp.resolve(".")));
  }

  @Test
  void theCacheDoesNotKeepADataSetThatNothingElseHolds() throws Exception {
    CifarFiles.writeDataSet(tmp);
    WeakReference<CifarDataset> loaded = new WeakReference<>(CifarLoader.load(tmp));

    // Nothing but the cache refers to it now: a collection must be able to take it (a strong
    // cache kept CIFAR-10's 184 MB on the heap for a whole run after its upload to libtorch).
    for (int i = 0; i < 20 && loaded.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(loaded.get());
    assertSplitEquals(CifarFiles.expectedTrain(), CifarLoader.load(tmp).train()); // read again
  }

  @Test
  void truncatedFileNamesFileSizeAndTrailingBytes() throws IOException {
    CifarFiles.writeDataSet(tmp);
    Path file = tmp.resolve("data_batch_3.bin");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 100));

    String message = assertThrows(UserError.class, () -> CifarLoader.load(tmp)).getMessage();

    assertTrue(message.contains(file.toString()), message);
    assertTrue(message.contains("has " + (2 * 3073 - 100) + " bytes"), message);
    assertTrue(message.contains((3073 - 100) + " trailing bytes"), message);
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    CifarFiles.writeDataSet(tmp);
    Files.write(tmp.resolve("test_batch.bin"), new byte[0]);

    String message = assertThrows(UserError.class, () -> CifarLoader.load(tmp)).getMessage();

    assertTrue(message.contains("test_batch.bin"), message);
    assertTrue(message.contains("it is empty"), message);
  }

  /** 10 is the first bad label; 200 is negative as a Java byte, so it must be read unsigned. */
  @ParameterizedTest
  @ValueSource(ints = {10, 200})
  void labelAboveNineNamesFileRecordAndValue(int label) throws IOException {
    CifarFiles.writeDataSet(tmp);
    Path file = tmp.resolve("test_batch.bin");
    byte[] bytes = Files.readAllBytes(file);
    bytes[2 * 3073] = (byte) label; // the label byte of the third record
    Files.write(file, bytes);

    String message = assertThrows(UserError.class, () -> CifarLoader.load(tmp)).getMessage();

    assertTrue(message.contains(file.toString()), message);
    assertTrue(message.contains("record 2 "), message);
    assertTrue(message.contains("label " + label + ","), message);
  }

  @Test
  void missingBatchFileIsNamed() throws IOException {
    CifarFiles.writeDataSet(tmp.resolve(CifarLoader.BATCHES_DIR));
    Files.delete(tmp.resolve(CifarLoader.BATCHES_DIR).resolve("data_batch_4.bin"));

    String message = assertThrows(UserError.class, () -> CifarLoader.load(tmp)).getMessage();

    assertTrue(
        message.contains(tmp.resolve(CifarLoader.BATCHES_DIR).resolve("data_batch_4.bin") + " is missing"),
        message);
  }

  @Test
  void directoryWithoutCifarFilesSaysHowToGetTheData() throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "not CIFAR");

    String message = assertThrows(UserError.class, () -> CifarLoader.load(tmp)).getMessage();

    assertTrue(message.contains(tmp + " holds no CIFAR-10 files"), message);
    assertTrue(message.contains(CifarLoader.TARBALL_URL), message);
    assertTrue(message.contains("without --data-dir"), message);
  }

  @Test
  void missingDirectoryIsNamed() {
    Path missing = tmp.resolve("nowhere");

    String message = assertThrows(UserError.class, () -> CifarLoader.load(missing)).getMessage();

    assertTrue(message.contains(missing + " does not exist"), message);
    assertTrue(message.contains(CifarLoader.TARBALL_URL), message);
  }

  @Test
  void limitKeepsTheFirstRecords() {
    CifarSplit split = CifarFiles.split(5, 4);

    CifarSplit first = split.limit(2);

    assertEquals(2, first.size());
    assertArrayEquals(Arrays.copyOf(split.labels(), 2), first.labels());
    assertArrayEquals(Arrays.copyOf(split.pixels(), 2 * CifarSplit.IMAGE_BYTES), first.pixels());
    assertSame(split, split.limit(0));
    assertSame(split, split.limit(5));
  }

  static void assertSplitEquals(CifarSplit expected, CifarSplit actual) {
    assertEquals(expected.size(), actual.size());
    assertArrayEquals(expected.labels(), actual.labels());
    assertArrayEquals(expected.pixels(), actual.pixels());
  }
}
