package cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * app/pom.xml's platform profiles: the four platforms DJL publishes a CPU libtorch 2.7.1 for,
 * each with JNA's name for the same platform, as JNA itself computes it for the os.name and
 * os.arch the profile is activated by. Only linux-x86_64 can be run here; this is what keeps the
 * other three jars from leaving out the JNA library they need.
 */
class PlatformProfilesTest {
  private static final Set<String> PLATFORMS =
      Set.of("linux-x86_64", "linux-aarch64", "osx-aarch64", "win-x86_64");

  private static Document pom;

  @BeforeAll
  static void read() throws Exception {
    pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(ProjectFiles.path("app", "pom.xml").toFile());
  }

  /** A host profile: the os.name / family and os.arch it is active on, and what it sets. */
  private record Host(String name, String family, String arch, String classifier, String jna) {}

  private static Map<String, Host> hosts() {
    Map<String, Host> out = new TreeMap<>();
    for (Element p : profiles()) {
      Element os = child(p, "activation", "os");
      if (os != null) {
        Host h = new Host(text(os, "name"), text(os, "family"), text(os, "arch"),
            text(child(p, "properties"), "cifar.native.classifier"),
            text(child(p, "properties"), "cifar.jna.platform"));
        out.put(h.classifier(), h);
        assertEquals("!cifar.native.classifier", text(child(p, "activation", "property"), "name"),
            p.getTextContent() + ": a given -Dcifar.native.classifier must switch it off");
      }
    }
    return out;
  }

  /** -Dcifar.native.classifier=X: X to the JNA platform its profile sets. */
  private static Map<String, String> crossBuilds() {
    Map<String, String> out = new TreeMap<>();
    for (Element p : profiles()) {
      Element property = child(p, "activation", "property");
      if (child(p, "activation", "os") == null && property != null) {
        assertEquals("cifar.native.classifier", text(property, "name"));
        out.put(text(property, "value"), text(child(p, "properties"), "cifar.jna.platform"));
      }
    }
    return out;
  }

  @Test
  void eachPlatformHasAHostProfileAndACrossBuildProfile() {
    assertEquals(new TreeSet<>(PLATFORMS), new TreeSet<>(hosts().keySet()));
    assertEquals(new TreeSet<>(PLATFORMS), new TreeSet<>(crossBuilds().keySet()));
    hosts().values().forEach(h -> assertEquals(h.jna(), crossBuilds().get(h.classifier()),
        h.classifier() + ": the same JNA platform either way"));
  }

  @Test
  void theJnaPlatformIsWhatJnaComputesForThatOsAndArch() throws Exception {
    Method prefix = Platform.class.getDeclaredMethod("getNativeLibraryResourcePrefix", int.class,
        String.class, String.class);
    prefix.setAccessible(true);
    for (Host h : hosts().values()) {
      int osType;
      String osName;
      if ("Linux".equals(h.name())) {
        osType = Platform.LINUX;
        osName = "Linux";
      } else if ("mac".equals(h.family())) {
        osType = Platform.MAC;
        osName = "Mac OS X";
      } else if ("windows".equals(h.family())) {
        osType = Platform.WINDOWS;
        osName = "Windows 11";
      } else {
        throw new AssertionError(h + ": activated by neither Linux, mac nor windows");
      }
      assertEquals(prefix.invoke(null, osType, h.arch(), osName), h.jna(), h.toString());
      assertNotNull(Platform.class.getResource("/com/sun/jna/" + h.jna() + "/"
          + (osType == Platform.WINDOWS ? "jnidispatch.dll" : osType == Platform.MAC
              ? "libjnidispatch.jnilib" : "libjnidispatch.so")), h + ": JNA ships it");
    }
  }

  @Test
  void theEnforcerAndTheShadeFiltersNameTheSamePlatforms() throws IOException {
    String text = Files.readString(ProjectFiles.path("app", "pom.xml"));
    Matcher regex = Pattern.compile("<regex>([^<]+)</regex>").matcher(text);
    assertTrue(regex.find(), "the enforcer's list of platforms");
    assertEquals(new TreeSet<>(PLATFORMS), new TreeSet<>(Set.of(regex.group(1).split("\\|"))));
    assertTrue(text.contains("<include>jnilib/${cifar.native.classifier}/**</include>"), "JNI");
    assertTrue(text.contains("<include>com/sun/jna/${cifar.jna.platform}/**</include>"), "JNA");
    assertTrue(text.contains("<classifier>${cifar.native.classifier}</classifier>"), "libtorch");
  }

  @Test
  void theCheckScriptMapsThePlatformsToJnaAsThePomDoes() throws IOException {
    String script = Files.readString(ProjectFiles.path("scripts", "platform-jars.sh"));
    Matcher pair = Pattern.compile("\\[([a-z0-9_-]+)]=([a-z0-9-]+)").matcher(script);
    Map<String, String> map = new TreeMap<>();
    while (pair.find()) {
      map.put(pair.group(1), pair.group(2));
    }
    assertEquals(crossBuilds(), map);
  }

  private static Iterable<Element> profiles() {
    NodeList nodes = pom.getElementsByTagName("profile");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static Element child(Element parent, String... path) {
    Element e = parent;
    for (String name : path) {
      if (e == null) {
        return null;
      }
      Element found = null;
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element c && c.getTagName().equals(name)) {
          found = c;
          break;
        }
      }
      e = found;
    }
    return e;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
