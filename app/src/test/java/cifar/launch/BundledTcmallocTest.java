package cifar.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledTcmallocTest {
  @TempDir Path tmp;

  private static Properties props() throws IOException {
    Properties p = new Properties();
    try (InputStream in = BundledTcmalloc.class.getClassLoader()
        .getResourceAsStream("cifar/launch/linux-x86_64/tcmalloc.properties")) {
      p.load(in);
    }
    return p;
  }

  @Test
  void theJarCarriesTheLibraryItsDigestNamesAndItsLicence() throws IOException {
    assertTrue(BundledTcmalloc.available("linux-x86_64"));
    assertFalse(BundledTcmalloc.available("linux-riscv64"));
    byte[] lib;
    try (InputStream in = BundledTcmalloc.class.getClassLoader()
        .getResourceAsStream("cifar/launch/linux-x86_64/libtcmalloc_minimal.so.4")) {
      lib = in.readAllBytes();
    }
    assertEquals(props().getProperty("sha256"), BundledTcmalloc.sha256(lib));
    // an ELF shared object for x86-64 (e_machine 62 at offset 18)
    assertEquals(0x7f, lib[0]);
    assertEquals("ELF", new String(lib, 1, 3, StandardCharsets.US_ASCII));
    assertEquals(62, lib[18]);
    try (InputStream in = BundledTcmalloc.class.getClassLoader()
        .getResourceAsStream("cifar/launch/linux-x86_64/COPYRIGHT-gperftools")) {
      String copyright = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(copyright.contains("License: BSD-3-clause")
          && copyright.contains("Redistributions in binary form must reproduce"), copyright);
    }
  }

  @Test
  void extractsOnceAndRewritesACopyThatDoesNotMatch() throws IOException {
    Path lib = BundledTcmalloc.extract("linux-x86_64", tmp);
    assertEquals(tmp.resolve("tcmalloc-2.10-1-" + props().getProperty("sha256").substring(0, 12))
        .resolve("libtcmalloc_minimal.so.4"), lib);
    byte[] good = Files.readAllBytes(lib);
    assertEquals(props().getProperty("sha256"), BundledTcmalloc.sha256(good));
    long written = Files.getLastModifiedTime(lib).toMillis();
    Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    assertEquals(lib, BundledTcmalloc.extract("linux-x86_64", tmp));
    assertEquals(written - 60_000, Files.getLastModifiedTime(lib).toMillis(), "kept, not rewritten");

    Files.write(lib, new byte[] {1, 2, 3}); // a torn or tampered copy
    assertEquals(lib, BundledTcmalloc.extract("linux-x86_64", tmp));
    assertArrayEquals(good, Files.readAllBytes(lib));
  }

  @Test
  void aCacheThatCannotBeWrittenIsAnIoError() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    assertThrows(IOException.class, () -> BundledTcmalloc.extract("linux-x86_64", file));
    assertThrows(IOException.class, () -> BundledTcmalloc.extract("linux-riscv64", tmp));
  }

  @Test
  void theCacheFollowsXdgAndTheCopyIsKnownByItsFolder() {
    assertEquals(Path.of("/xdg/cifar"), BundledTcmalloc.cacheRoot(Map.of("XDG_CACHE_HOME", "/xdg")));
    Path home = Path.of(System.getProperty("user.home"), ".cache", "cifar");
    assertEquals(home, BundledTcmalloc.cacheRoot(Map.of()));
    assertEquals(home, BundledTcmalloc.cacheRoot(Map.of("XDG_CACHE_HOME", "relative")),
        "the XDG rule: a relative path is ignored");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.toString());
    assertTrue(BundledTcmalloc.isCopy(tmp.resolve("cifar/tcmalloc-x/libtcmalloc_minimal.so.4")
        .toString(), env));
    assertFalse(BundledTcmalloc.isCopy("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", env));
  }

  @Test
  void platformsAreNamedAsDjlNamesThem() {
    assertEquals("linux-x86_64", BundledTcmalloc.platform("Linux", "amd64"));
    assertEquals("linux-aarch64", BundledTcmalloc.platform("Linux", "aarch64"));
    assertEquals("mac-os-x-aarch64", BundledTcmalloc.platform("Mac OS X", "aarch64"));
  }
}
