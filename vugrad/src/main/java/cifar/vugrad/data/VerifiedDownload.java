package cifar.vugrad.data;

import cifar.vugrad.InputError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Downloads a file and keeps it only if its MD5 matches the expected one. The bytes go to a
 * temporary file next to the target and are moved into place only after the check, so a broken
 * or tampered download never leaves a half-written file under the real name.
 */
public final class VerifiedDownload {
  private static final int TIMEOUT_MS = 60_000;

  private VerifiedDownload() {}

  /** Fetches {@code url} into {@code target} if its MD5 is {@code md5} (hex); returns target. */
  public static Path fetch(String url, String md5, Path target) {
    Path temp = null;
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
      MessageDigest digest = MessageDigest.getInstance("MD5");
      URLConnection connection = URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MS);
      connection.setReadTimeout(TIMEOUT_MS);
      try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
          OutputStream out = Files.newOutputStream(temp)) {
        in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equalsIgnoreCase(md5)) {
        throw new InputError(
            url + ": checksum mismatch: MD5 is " + actual + ", expected " + md5
                + "; nothing was saved (wrong mirror or damaged download?)");
      }
      return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputError(url + ": download failed: " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has MD5", e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Nothing else to do: the .part name already tells the user it is not a finished file.
    }
  }
}
