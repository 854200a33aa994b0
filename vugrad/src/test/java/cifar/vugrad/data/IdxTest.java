package cifar.vugrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.InputError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path dir;

  @Test
  void readsPlainAndGzippedFiles() throws Exception {
    byte[] raw = IdxFiles.idx(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, (byte) 200});
    Files.write(dir.resolve("a-idx2-ubyte"), raw);
    Files.write(dir.resolve("b-idx2-ubyte.gz"), IdxFiles.gzip(raw));
    for (String name : new String[] {"a-idx2-ubyte", "b-idx2-ubyte.gz"}) {
      Idx idx = Idx.read(dir.resolve(name));
      assertArrayEquals(new int[] {2, 3}, idx.dims());
      assertEquals(200, idx.unsigned(5), "bytes are unsigned");
    }
  }

  @Test
  void badMagicNumberIsAClearError() throws Exception {
    byte[] raw = IdxFiles.idx(new int[] {2}, new byte[] {1, 2});
    raw[2] = 0x0d; // a float IDX file, which MNIST never is
    Path file = dir.resolve("float.idx");
    Files.write(file, raw);
    InputError e = assertThrows(InputError.class, () -> Idx.read(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("magic"), e.getMessage());
    assertTrue(e.getMessage().contains("0x00000d01"), e.getMessage());
  }

  @Test
  void truncatedDataIsAClearError() throws Exception {
    byte[] raw = IdxFiles.idx(new int[] {10, 2, 2}, new byte[40]);
    Path file = dir.resolve("short.idx");
    Files.write(file, Arrays.copyOf(raw, raw.length - 5));
    InputError e = assertThrows(InputError.class, () -> Idx.read(file));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("40"), e.getMessage());

    Path header = dir.resolve("header.idx");
    Files.write(header, Arrays.copyOf(raw, 6));
    e = assertThrows(InputError.class, () -> Idx.read(header));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("header"), e.getMessage());
  }

  @Test
  void missingFileIsAClearError() {
    InputError e = assertThrows(InputError.class, () -> Idx.read(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
