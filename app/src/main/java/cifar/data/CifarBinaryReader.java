package cifar.data;

import cifar.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads files in the official CIFAR-10 binary layout: records of 3073 bytes, one label byte
 * (0..9) followed by 3072 pixel bytes (red plane, green plane, blue plane; each 32×32).
 *
 * <p>Each file is read in one go and split into the label and pixel arrays of a {@link
 * CifarSplit}; the pixels stay in the file's CHW order, so nothing is decoded.
 */
final class CifarBinaryReader {
  private CifarBinaryReader() {}

  /** Reads the files one after the other into one split, checking every size and label. */
  static CifarSplit read(List<Path> files) {
    byte[][] contents = new byte[files.size()][];
    int records = 0;
    for (int f = 0; f < files.size(); f++) {
      contents[f] = readChecked(files.get(f));
      records += contents[f].length / CifarSplit.RECORD_BYTES;
    }
    byte[] labels = new byte[records];
    byte[] pixels = new byte[records * CifarSplit.IMAGE_BYTES];
    int at = 0;
    for (int f = 0; f < files.size(); f++) {
      byte[] file = contents[f];
      contents[f] = null; // let each file's buffer go as soon as it is copied
      for (int r = 0; r < file.length / CifarSplit.RECORD_BYTES; r++, at++) {
        int offset = r * CifarSplit.RECORD_BYTES;
        labels[at] = checkedLabel(files.get(f), r, file[offset]);
        System.arraycopy(
            file, offset + 1, pixels, at * CifarSplit.IMAGE_BYTES, CifarSplit.IMAGE_BYTES);
      }
    }
    return new CifarSplit(pixels, labels);
  }

  /** The whole file, after checking that it is made of whole records. */
  private static byte[] readChecked(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserError("Cannot read CIFAR-10 file " + file + ": " + e, e);
    }
    int trailing = bytes.length % CifarSplit.RECORD_BYTES;
    if (bytes.length == 0 || trailing != 0) {
      throw new UserError(
          "CIFAR-10 file "
              + file
              + " has "
              + bytes.length
              + " bytes, which is not a whole number of 3073-byte records (1 label byte + 3072"
              + " pixel bytes): "
              + (bytes.length == 0 ? "it is empty" : trailing + " trailing bytes")
              + ". The file is truncated or is not CIFAR-10 binary data; download it again.");
    }
    return bytes;
  }

  private static byte checkedLabel(Path file, int record, byte label) {
    int value = Byte.toUnsignedInt(label);
    if (value >= CifarSplit.CLASSES.length) {
      throw new UserError(
          "CIFAR-10 file "
              + file
              + ": record "
              + record
              + " (0-based, at byte "
              + (long) record * CifarSplit.RECORD_BYTES
              + ") has label "
              + value
              + ", but CIFAR-10 labels are 0..9. The file is damaged or is not CIFAR-10"
              + " binary data (CIFAR-100 uses another layout).");
    }
    return label;
  }
}
