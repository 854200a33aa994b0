package cifar.deploy;

import cifar.ProjectFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cifar.cli.Main;
import cifar.sweep.plan.Shard;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The manifests of scripts/k8s against the Kubernetes API: every document parses into the API's
 * own Java types (fabric8's model) with unknown fields and mistyped values rejected, as the API
 * server's strict field validation would, and the sweep Job keeps the Indexed Job rules that the
 * sweep's sharding relies on. Command lines are checked against the CLI itself, so a renamed
 * option cannot silently break a manifest.
 */
class KubernetesManifestsTest {
  static final Path DIR = ProjectFiles.path("scripts", "k8s");

  /** The API types the manifests may use, by "apiVersion kind". */
  private static final Map<String, Class<? extends HasMetadata>> TYPES =
      types(List.of(Job.class, PersistentVolumeClaim.class, ConfigMap.class));

  private static final ObjectMapper STRICT = strictMapper();
  private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private static Map<String, Class<? extends HasMetadata>> types(
      List<Class<? extends HasMetadata>> classes) {
    Map<String, Class<? extends HasMetadata>> m = new LinkedHashMap<>();
    for (Class<? extends HasMetadata> c : classes) {
      m.put(HasMetadata.getApiVersion(c) + " " + HasMetadata.getKind(c), c);
    }
    return m;
  }

  /**
   * fabric8's types keep unknown fields in additionalProperties (a Jackson any-setter), so a
   * typo would pass silently; without the any-setter an unknown field is an error. Scalars are
   * not coerced either: the API server refuses a string where it wants a number and the other
   * way round.
   */
  private static ObjectMapper strictMapper() {
    ObjectMapper m = new ObjectMapper();
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
      private static final long serialVersionUID = 1L;

      @Override
      public Boolean hasAnySetter(Annotated a) {
        return Boolean.FALSE;
      }
    });
    for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    for (CoercionInputShape s : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean)) {
      m.coercionConfigFor(LogicalType.Textual).setCoercion(s, CoercionAction.Fail);
    }
    return m;
  }

  /** The API objects of one YAML text (one or more documents); any problem fails the test. */
  static List<HasMetadata> parse(String source, String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (doc == null) {
        continue;
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new AssertionError(source + ": a document is not a mapping: " + doc);
      }
      String key = map.get("apiVersion") + " " + map.get("kind");
      Class<? extends HasMetadata> type = TYPES.get(key);
      if (type == null) {
        throw new AssertionError(source + ": no API type for '" + key + "' here; add it to TYPES");
      }
      try {
        objects.add(STRICT.convertValue(map, type));
      } catch (IllegalArgumentException e) {
        throw new AssertionError(source + ": not a valid " + key + ": " + e.getMessage(), e);
      }
    }
    return objects;
  }

  /** Every manifest under scripts/k8s, by file name. */
  static Map<String, List<HasMetadata>> manifests() throws IOException {
    Map<String, List<HasMetadata>> all = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        all.put(f.getFileName().toString(),
            parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    return all;
  }

  private static Job job(String name) throws IOException {
    return manifests().values().stream().flatMap(List::stream)
        .filter(o -> o instanceof Job && o.getMetadata().getName().equals(name))
        .map(Job.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no Job " + name + " in " + DIR));
  }

  private static Container container(Job job, String name) {
    return job.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(job.getMetadata().getName() + " has no container " + name));
  }

  private static EnvVar env(Container c, String name) {
    return Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
        .filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("container " + c.getName() + " has no env " + name));
  }

  /** "--out=/x" -> "/x" for option "--out"; empty when the container does not pass it. */
  private static Optional<String> option(Container c, String name) {
    return c.getArgs().stream().filter(a -> a.startsWith(name + "="))
        .map(a -> a.substring(name.length() + 1)).findFirst();
  }

  private static List<String> positionals(Container c) {
    return c.getArgs().stream().skip(1).filter(a -> !a.startsWith("-")).toList();
  }

  /** The ConfigMap key that env variable {@code var} of the container is read from. */
  private static String configMapKey(Container c, String var, String configMap) {
    EnvVar e = env(c, var);
    assertNotNull(e.getValueFrom(), var + " must come from the ConfigMap " + configMap);
    var ref = e.getValueFrom().getConfigMapKeyRef();
    assertNotNull(ref, var + " must come from the ConfigMap " + configMap);
    assertEquals(configMap, ref.getName(), var);
    return ref.getKey();
  }

  private static List<String> vars(String arg) {
    List<String> names = new ArrayList<>();
    Matcher m = VAR.matcher(arg);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyManifestIsAnApiObjectWithNoUnknownField() throws IOException {
    Map<String, List<HasMetadata>> all = manifests();
    assertEquals(List.of("report-job.yaml", "sweep-job.yaml", "volumes.yaml"), List.copyOf(all.keySet()));
    all.forEach((file, objects) -> {
      assertFalse(objects.isEmpty(), file + " holds no object");
      for (HasMetadata o : objects) {
        assertNotNull(o.getMetadata(), file + ": an object without metadata");
        assertTrue(o.getMetadata().getName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
            file + ": not a DNS label: " + o.getMetadata().getName());
      }
    });
  }

  @Test
  void unknownFieldsAndMistypedValuesAreRejected() {
    String job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          %s
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: c
                  image: i
                  %s
        """;
    parse("good", job.formatted("completions: 2", "env: [{name: N, value: \"2\"}]"));
    for (String[] bad : new String[][] {
        {"completionMod: Indexed", "args: [x]", "completionMod"},
        {"completions: 2", "imagePullPolice: Always", "imagePullPolice"},
        {"completions: \"2\"", "args: [x]", "completions"},
        {"completions: 2", "env: [{name: N, value: 2}]", "value"}}) {
      AssertionError e = assertThrows(AssertionError.class,
          () -> parse("bad", job.formatted(bad[0], bad[1])), bad[0] + " / " + bad[1]);
      assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
    }
    AssertionError e = assertThrows(AssertionError.class,
        () -> parse("kind", "apiVersion: v1\nkind: Pods\nmetadata: {name: p}\n"));
    assertTrue(e.getMessage().contains("no API type for 'v1 Pods'"), e.getMessage());
  }

  @Test
  void theSweepJobIsIndexedAndFailsAnIndexOnTheSweepsOwnExitCodes() throws IOException {
    Job job = job("cifar-sweep");
    JobSpec spec = job.getSpec();
    PodSpec pod = spec.getTemplate().getSpec();
    assertEquals("Indexed", spec.getCompletionMode(), "shards come from JOB_COMPLETION_INDEX");
    assertNotNull(spec.getBackoffLimitPerIndex(), "a lost pod retries its own shard only");
    assertTrue(spec.getBackoffLimitPerIndex() >= 0);
    // The API allows backoffLimitPerIndex and podFailurePolicy only with restartPolicy Never.
    assertEquals("Never", pod.getRestartPolicy());
    assertTrue(spec.getParallelism() == null || spec.getParallelism() <= spec.getCompletions());

    List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
    PodFailurePolicyOnExitCodesRequirement codes = rules.stream()
        .filter(r -> r.getAction().equals("FailIndex") && r.getOnExitCodes() != null)
        .map(PodFailurePolicyRule::getOnExitCodes).findFirst()
        .orElseThrow(() -> new AssertionError("no FailIndex rule on exit codes"));
    container(job, codes.getContainerName());
    assertEquals("sweep", codes.getContainerName());
    assertEquals("In", codes.getOperator());
    // sweep exits 1 when a run failed (recorded) and 2 on bad input: a retry repeats either.
    assertEquals(List.of(1, 2), codes.getValues().stream().sorted().toList());
    for (PodFailurePolicyRule r : rules) {
      if (r.getOnExitCodes() != null && r.getOnExitCodes().getOperator().equals("In")) {
        assertFalse(r.getOnExitCodes().getValues().contains(0), "the API refuses 0 with In");
      }
    }
  }

  @Test
  void theShardCountIsTheNumberOfCompletions() throws IOException {
    Job job = job("cifar-sweep");
    int completions = job.getSpec().getCompletions();
    Container sweep = container(job, "sweep");
    String count = option(sweep, "--shard-count").orElseGet(() -> env(sweep, "CIFAR_SHARD_COUNT").getValue());
    assertEquals(String.valueOf(completions), count);
    // The last index is the last shard, as the sweep itself reads the pod's environment.
    Shard last = Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", String.valueOf(completions - 1),
        "CIFAR_SHARD_COUNT", env(sweep, "CIFAR_SHARD_COUNT").getValue()), null);
    assertEquals(completions + "/" + completions, last.label());
  }

  @Test
  void everyCommandLineIsOneTheCliTakes() throws IOException {
    CommandLine cli = Main.commandLine();
    int checked = 0;
    for (String name : List.of("cifar-sweep", "cifar-sweep-report")) {
      for (Container c : job(name).getSpec().getTemplate().getSpec().getContainers()) {
        List<String> args = c.getArgs();
        CommandLine sub = cli.getSubcommands().get(args.get(0));
        assertNotNull(sub, name + ": '" + args.get(0) + "' is not a cifar command");
        CommandSpec spec = sub.getCommandSpec();
        for (String arg : args.subList(1, args.size())) {
          if (arg.startsWith("-")) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            assertNotNull(spec.findOption(option), name + ": " + args.get(0) + " has no option " + option);
            checked++;
          }
          // Kubernetes leaves $(X) as it is when X is not in the container's environment.
          for (String v : vars(arg)) {
            env(c, v);
          }
        }
      }
    }
    assertTrue(checked >= 4, "options checked: " + checked);
  }

  @Test
  void theCoresOfASweepPodAreItsCpuLimit() throws IOException {
    Container sweep = container(job("cifar-sweep"), "sweep");
    Map<String, Quantity> limits = sweep.getResources().getLimits();
    assertNotNull(limits, "the sweep container needs limits");
    assertNotNull(limits.get("cpu"), "without a CPU limit a pod may see every core of its node");
    // The one option whose value is the container's CPU figure, from the downward API.
    List<String> fromCpu = new ArrayList<>();
    for (String arg : sweep.getArgs()) {
      for (String v : vars(arg)) {
        var source = env(sweep, v).getValueFrom();
        if (source != null && source.getResourceFieldRef() != null) {
          var ref = source.getResourceFieldRef();
          assertEquals("limits.cpu", ref.getResource(), v);
          assertTrue(ref.getContainerName() == null || ref.getContainerName().equals("sweep"), v);
          assertEquals(0, ref.getDivisor().getNumericalAmount().compareTo(java.math.BigDecimal.ONE),
              v + ": whole cores");
          fromCpu.add(arg);
        }
      }
    }
    assertEquals(1, fromCpu.size(), "one option gets the cores: " + fromCpu);
    String option = fromCpu.get(0).substring(0, fromCpu.get(0).indexOf('='));
    // sweep's total-cores option (the one --parallel divides among the runs).
    CommandSpec sweepSpec = Main.commandLine().getSubcommands().get("sweep").getCommandSpec();
    assertNotNull(sweepSpec.findOption(option), option);
    assertTrue(String.join(" ", sweepSpec.findOption(option).description()).contains("in total"),
        option + " is not sweep's total-cores option");
  }

  @Test
  void everyContainerHasLimitsAtLeastItsRequests() throws IOException {
    for (String name : List.of("cifar-sweep", "cifar-sweep-report")) {
      for (Container c : job(name).getSpec().getTemplate().getSpec().getContainers()) {
        for (String r : List.of("cpu", "memory")) {
          Quantity req = c.getResources().getRequests().get(r);
          Quantity lim = c.getResources().getLimits().get(r);
          assertNotNull(req, name + " requests no " + r);
          assertNotNull(lim, name + " limits no " + r);
          assertTrue(req.getNumericalAmount().compareTo(lim.getNumericalAmount()) <= 0,
              name + ": " + r + " request " + req + " over its limit " + lim);
        }
      }
    }
  }

  @Test
  void eachSweepHasItsOwnDirectoryAndTheReportReadsThatOne() throws IOException {
    Job sweepJob = job("cifar-sweep");
    Container sweep = container(sweepJob, "sweep");
    Container report = container(job("cifar-sweep-report"), "report");
    String out = option(sweep, "--out").orElseThrow(() -> new AssertionError("sweep has no --out"));
    assertEquals(List.of(out), positionals(report), "the report reads the sweep's directory");
    List<String> outVars = vars(out);
    assertEquals(1, outVars.size(), "--out must name the sweep: " + out);
    assertEquals("name", configMapKey(sweep, outVars.get(0), "cifar-sweep"));
    assertEquals("name", configMapKey(report, outVars.get(0), "cifar-sweep"));

    // The sweep file is the ConfigMap's file under its own name, so that a sweep file without
    // a name: gets the name that run-sweep.sh gave its directory.
    Volume config = sweepJob.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getConfigMap() != null).findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap volume"));
    assertEquals("cifar-sweep", config.getConfigMap().getName());
    VolumeMount mount = sweep.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(config.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("the ConfigMap volume is not mounted"));
    String file = positionals(sweep).get(0);
    List<String> fileVars = vars(file);
    assertEquals(1, fileVars.size(), file);
    assertEquals(mount.getMountPath() + "/$(" + fileVars.get(0) + ")", file);
    assertEquals("file", configMapKey(sweep, fileVars.get(0), "cifar-sweep"));
  }

  @Test
  void everyClaimTheJobsMountIsDefinedAndTheRunsAreShared() throws IOException {
    Map<String, PersistentVolumeClaim> claims = new LinkedHashMap<>();
    for (HasMetadata o : manifests().get("volumes.yaml")) {
      if (o instanceof PersistentVolumeClaim c) {
        claims.put(c.getMetadata().getName(), c);
      }
    }
    for (String name : List.of("cifar-sweep", "cifar-sweep-report")) {
      for (Volume v : job(name).getSpec().getTemplate().getSpec().getVolumes()) {
        if (v.getPersistentVolumeClaim() != null) {
          String claim = v.getPersistentVolumeClaim().getClaimName();
          if (!claims.containsKey(claim)) {
            fail(name + " mounts claim " + claim + ", which volumes.yaml does not define");
          }
        }
      }
    }
    assertTrue(claims.get("cifar-runs").getSpec().getAccessModes().contains("ReadWriteMany"),
        "pods on many nodes write the sweep directory");
  }
}
