package cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * DJL and PyTorch are pinned once, in pom.xml; the Dockerfile has to repeat them (a base image
 * tag cannot read a pom). These checks fail as soon as the two disagree, so a version bump in
 * one place cannot ship a GPU image whose libtorch does not match the JNI inside the jar.
 */
class VersionPinTest {

  private static final Path ROOT = ProjectFiles.path(".");

  /** The official PyTorch runtime image, e.g. pytorch/pytorch:2.7.1-cuda12.8-cudnn9-runtime. */
  private static final Pattern TORCH_IMAGE =
      Pattern.compile("pytorch/pytorch:(\\d+\\.\\d+\\.\\d+)-cuda(\\d+)\\.(\\d+)-cudnn(\\d+)-runtime");

  private static Document pom;
  private static Document appPom; // the application module's, which names the dependencies
  private static Dockerfile docker;

  @BeforeAll
  static void read() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
    appPom = factory.newDocumentBuilder().parse(ROOT.resolve("app/pom.xml").toFile());
    docker = Dockerfile.read(ROOT.resolve("Dockerfile"));
  }

  @Test
  void dockerArgsNameThePomVersions() {
    assertEquals(pomProperty("djl.version"), docker.arg("DJL_VERSION"), "ARG DJL_VERSION");
    assertEquals(pomProperty("pytorch.version"), docker.arg("TORCH_VERSION"), "ARG TORCH_VERSION");
    assertEquals(
        pomProperty("maven.compiler.release"), docker.arg("JAVA_MAJOR"), "ARG JAVA_MAJOR");
  }

  @Test
  void gpuBaseImageIsTheOfficialPyTorchOfThePomVersion() {
    Matcher tag = gpuBaseTag();
    assertEquals(pomProperty("pytorch.version"), tag.group(1), "PyTorch version in " + tag.group());
  }

  @Test
  void flavorMatchesTheCudaOfTheBaseImage() {
    Matcher tag = gpuBaseTag();
    // DJL calls CUDA 12.8 "cu128": a flavor for another CUDA would pick a JNI built for it.
    String flavor = "cu" + tag.group(2) + tag.group(3);
    assertEquals(flavor, docker.arg("TORCH_FLAVOR"), "ARG TORCH_FLAVOR vs " + tag.group());
    assertEquals(tag.group(2) + "." + tag.group(3), docker.arg("TORCH_CUDA"), "ARG TORCH_CUDA");
  }

  @Test
  void gpuEnvironmentTellsDjlTheSameVersionAndFlavor() {
    Map<String, String> env = docker.env("gpu");
    assertEquals(pomProperty("pytorch.version"), env.get("PYTORCH_VERSION"), "ENV PYTORCH_VERSION");
    assertEquals(docker.arg("TORCH_FLAVOR"), env.get("PYTORCH_FLAVOR"), "ENV PYTORCH_FLAVOR");
    assertEquals("true", env.get("DJL_OFFLINE"), "ENV DJL_OFFLINE");
    String libPath = env.get("PYTORCH_LIBRARY_PATH");
    assertNotNull(libPath, "ENV PYTORCH_LIBRARY_PATH");
    assertTrue(libPath.endsWith("/site-packages/torch/lib"), "PYTORCH_LIBRARY_PATH=" + libPath);
    assertTrue(
        env.getOrDefault("LD_LIBRARY_PATH", "").contains("/nvidia/cudnn/lib"),
        "cuDNN on LD_LIBRARY_PATH: " + env.get("LD_LIBRARY_PATH"));
  }

  @Test
  void jniIsTheOneThePomDependsOn() {
    // The pom names pytorch-jni as <pytorch version>-<djl version>; the image checks the JNI it
    // takes from the jar against that same string and names the file after the DJL version.
    assertEquals("${pytorch.version}-${djl.version}", dependencyVersion("pytorch-jni"));
    assertEquals("${djl.version}", dependencyVersion("pytorch-engine"));
    assertEquals("${pytorch.version}", dependencyVersion("pytorch-native-cpu"));
    String text = docker.text();
    assertTrue(text.contains("jni_version=${TORCH_VERSION}-${DJL_VERSION}"), "JNI version check");
    assertTrue(text.contains("jnilib/linux-x86_64/${TORCH_FLAVOR}/libdjl_torch.so"), "JNI path");
    assertTrue(text.contains("${DJL_VERSION}-libdjl_torch.so"), "JNI file name");
  }

  private static Matcher gpuBaseTag() {
    String image = docker.baseImage("gpu");
    Matcher tag = TORCH_IMAGE.matcher(image);
    assertTrue(tag.matches(), "gpu stage must build FROM the official PyTorch runtime: " + image);
    return tag;
  }

  private static String pomProperty(String name) {
    NodeList nodes = pom.getElementsByTagName(name);
    assertEquals(1, nodes.getLength(), "pom.xml property " + name);
    return nodes.item(0).getTextContent().trim();
  }

  private static String dependencyVersion(String artifactId) {
    NodeList deps = appPom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      if (artifactId.equals(text(dep, "artifactId"))) {
        return text(dep, "version");
      }
    }
    throw new AssertionError("app/pom.xml has no dependency " + artifactId);
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  /**
   * The few facts of a Dockerfile that carry versions: the global ARG defaults (before the
   * first FROM), each stage's base image and its ENV values, with ${NAME} references to those
   * ARGs and to earlier ENV values resolved the way Docker resolves them.
   */
  record Dockerfile(String text, Map<String, String> args, List<String> instructions) {

    private static final Pattern REF = Pattern.compile("\\$\\{(\\w+)(:[+-](?:\\$\\{\\w+}|[^}])*)?}");
    private static final Pattern PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    static Dockerfile read(Path file) throws IOException {
      String text = Files.readString(file);
      // Join continuation lines and drop comments, as Docker's parser does.
      String joined = text.replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n", " ");
      List<String> instructions = joined.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      Map<String, String> args = new LinkedHashMap<>();
      for (String line : instructions) {
        if (line.startsWith("FROM ")) {
          break;
        }
        Matcher arg = Pattern.compile("ARG (\\w+)=(\\S+)").matcher(line);
        if (arg.matches()) {
          // A default may name the ARGs before it (the base images name the versions).
          args.put(arg.group(1), resolve(arg.group(2), args));
        }
      }
      return new Dockerfile(text, args, instructions);
    }

    String arg(String name) {
      String value = args.get(name);
      assertNotNull(value, "Dockerfile has no global ARG " + name + " with a default");
      return value;
    }

    String baseImage(String stage) {
      return resolve(stageLines(stage).get(0).split("\\s+")[1], args);
    }

    /** The ENV values a stage sets itself (the base image's own ones are not known here). */
    Map<String, String> env(String stage) {
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : stageLines(stage)) {
        if (line.startsWith("ENV ")) {
          Map<String, String> before = new LinkedHashMap<>(args);
          before.putAll(env); // one ENV instruction sees only the values set before it
          Matcher pair = PAIR.matcher(line.substring(4));
          while (pair.find()) {
            env.put(pair.group(1), resolve(pair.group(2).replace("\"", ""), before));
          }
        }
      }
      return env;
    }

    private List<String> stageLines(String stage) {
      for (int i = 0; i < instructions.size(); i++) {
        if (instructions.get(i).matches("FROM \\S+ (?i:AS) " + stage)) {
          int end = i + 1;
          while (end < instructions.size() && !instructions.get(end).startsWith("FROM ")) {
            end++;
          }
          return instructions.subList(i, end);
        }
      }
      throw new AssertionError("Dockerfile has no stage named " + stage);
    }

    /** ${NAME} becomes its value; ${NAME:+word} and ${NAME:-word} are left out (optional). */
    private static String resolve(String value, Map<String, String> known) {
      Matcher ref = REF.matcher(value);
      StringBuilder out = new StringBuilder();
      while (ref.find()) {
        String replacement =
            ref.group(2) != null ? "" : known.getOrDefault(ref.group(1), ref.group());
        ref.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      return ref.appendTail(out).toString();
    }
  }
}
