package cifar.vugrad.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for the tests. */
final class IdxFiles {
  private IdxFiles() {}

  static byte[] idx(int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x0800 | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(raw);
    }
    return bytes.toByteArray();
  }

  /** n images of 2×2 pixels (pixel j of image i is (i + j) % 256) and labels i % 10. */
  static void writeMnist(Path dir, String prefix, int n, boolean gz) throws IOException {
    byte[] pixels = new byte[n * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) ((i / 4 + i % 4) % 256);
    }
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
    }
    write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(new int[] {n, 2, 2}, pixels), gz);
    write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(new int[] {n}, labels), gz);
  }

  private static void write(Path file, byte[] raw, boolean gz) throws IOException {
    Files.createDirectories(file.getParent());
    if (gz) {
      Files.write(Path.of(file + ".gz"), gzip(raw));
    } else {
      Files.write(file, raw);
    }
  }
}
