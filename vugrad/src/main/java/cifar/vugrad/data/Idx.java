package cifar.vugrad.data;

import cifar.vugrad.InputError;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A file in the IDX format that MNIST ships in: a magic number (two zero bytes, a type byte,
 * the number of axes), one big-endian int per axis, then the unsigned bytes row-major.
 * Files ending in {@code .gz} are read through gunzip.
 */
public record Idx(Path file, int[] dims, byte[] data) {
  /** Type byte for unsigned bytes, the only type MNIST uses. */
  static final int UNSIGNED_BYTE = 0x08;

  public static Idx read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(unzip(file, raw)))) {
      int magic = readInt(in, file, "magic number");
      int type = (magic >>> 8) & 0xff;
      int axes = magic & 0xff;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || axes < 1 || axes > 3) {
        throw new InputError(
            file + ": bad IDX magic number 0x" + String.format("%08x", magic)
                + " (expected 0x0000080N: unsigned bytes, N = 1..3 axes)");
      }
      int[] dims = new int[axes];
      long size = 1;
      for (int i = 0; i < axes; i++) {
        dims[i] = readInt(in, file, "length of axis " + i);
        if (dims[i] < 0) {
          throw new InputError(file + ": length of axis " + i + " is negative: " + dims[i]);
        }
        size *= dims[i];
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new InputError(file + ": " + size + " values are too many for one IDX file");
      }
      byte[] data = new byte[(int) size];
      int read = in.readNBytes(data, 0, data.length);
      if (read < data.length) {
        throw new InputError(
            file + ": truncated: header promises " + size + " values, file has " + read);
      }
      return new Idx(file, dims, data);
    } catch (NoSuchFileException e) {
      throw new InputError(file + ": no such file");
    } catch (IOException e) {
      throw new InputError(file + ": cannot read IDX data: " + e.getMessage(), e);
    }
  }

  /** The value at flat index i, as the unsigned byte it is (0..255). */
  public int unsigned(int i) {
    return data[i] & 0xff;
  }

  private static InputStream unzip(Path file, InputStream raw) throws IOException {
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
  }

  private static int readInt(DataInputStream in, Path file, String field) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new InputError(file + ": truncated: the file ends inside the header (" + field + ")");
    }
  }
}
