package cifar.launch;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether this JVM starts itself once more with the bundled tcmalloc preloaded, and if not, why
 * not: a pure function of the facts of the process, so that every case is tested without
 * starting one.
 *
 * @param action what {@link Relaunch} does
 * @param why    the reason, as a phrase for {@code cifar info} and the note; "" to relaunch
 */
public record Decision(Action action, String why) {

  /** The environment variable that chooses the allocator, as for scripts/cifar. */
  public static final String CHOICE = "CIFAR_MALLOC";
  /** Set in the relaunched JVM's environment, to the first JVM's pid: never a second relaunch. */
  public static final String MARKER = "CIFAR_RELAUNCHED_BY";

  /** What to do. */
  public enum Action {
    /** Start the same command again with the bundled tcmalloc preloaded. */
    RELAUNCH,
    /** Stay, silently: the allocator is the one wanted, or the platform has no other. */
    STAY,
    /** Stay on the C library's malloc, and say so in one line on standard error. */
    STAY_AND_NOTE,
    /** Stop: {@value #CHOICE} has a value that means nothing. */
    REFUSE
  }

  /**
   * The facts the decision rests on.
   *
   * @param osName   {@code os.name}
   * @param osArch   {@code os.arch}
   * @param env      the environment
   * @param maps     the lines of /proc/self/maps, null where there are none
   * @param bundled  whether the jar has a tcmalloc for this platform
   * @param jvmArgs  the command line before the program's arguments (JVM options, -jar or
   *                 -cp and the main class), null where it cannot be read
   * @param args     the program's arguments
   */
  public record Facts(String osName, String osArch, Map<String, String> env, List<String> maps,
      boolean bundled, List<String> jvmArgs, List<String> args) {}

  /** Debugger and native agents: a second JVM would start them again, on the same port. */
  private static final List<String> AGENTS = List.of("-agentlib:", "-agentpath:", "-Xrunjdwp",
      "-Xdebug");
  /** The variables through which the JVM reads more options, an agent among them perhaps. */
  private static final List<String> OPTION_VARIABLES =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  /** The decision for these facts. */
  public static Decision of(Facts f) {
    String choice = f.env().getOrDefault(CHOICE, "auto");
    if (!List.of("auto", "tcmalloc", "jemalloc", "system").contains(choice)) {
      return new Decision(Action.REFUSE, CHOICE + ": value '" + choice
          + "' is not one of auto, tcmalloc, jemalloc, system");
    }
    if (!f.osName().toLowerCase(Locale.ROOT).startsWith("linux")) {
      return stay("the bundled tcmalloc is for Linux, this is " + f.osName());
    }
    if (f.maps() == null) {
      return note("/proc/self/maps is not readable, so which malloc runs is unknown");
    }
    if (ProcessMaps.allocator(f.maps()) != null) {
      return stay("already preloaded");
    }
    if (f.env().containsKey(MARKER)) {
      return note("the bundled tcmalloc did not load into the relaunched JVM (the dynamic"
          + " loader's message above says why; it needs glibc 2.29 or newer)");
    }
    if (choice.equals("system")) {
      return stay(CHOICE + "=system");
    }
    if (choice.equals("jemalloc")) {
      return note(CHOICE + "=jemalloc, but jemalloc is not preloaded (scripts/cifar preloads it"
          + " when libjemalloc2 is installed)");
    }
    if (!ProcessMaps.glibc(f.maps())) {
      return note("the C library is not glibc, and the bundled tcmalloc is built for glibc");
    }
    String platform = BundledTcmalloc.platform(f.osName(), f.osArch());
    if (!f.bundled()) {
      return note("this jar has no tcmalloc for " + platform + " (scripts/cifar preloads an"
          + " installed one: apt-get install libtcmalloc-minimal4)");
    }
    if (f.jvmArgs() == null) {
      return note("this JVM's command line cannot be read back to start it again");
    }
    for (String arg : f.jvmArgs()) {
      if (agent(arg)) {
        return note("the JVM runs an agent (" + arg + ") that a second JVM would start again");
      }
    }
    for (String variable : OPTION_VARIABLES) {
      String options = f.env().getOrDefault(variable, "");
      for (String option : options.trim().split("\\s+")) {
        if (agent(option)) {
          return note("the JVM runs an agent (" + option + ", from " + variable
              + ") that a second JVM would start again");
        }
      }
    }
    return new Decision(Action.RELAUNCH, "");
  }

  private static boolean agent(String arg) {
    for (String agent : AGENTS) { // a loop, not a stream: no lambda to link in the first JVM
      if (arg.startsWith(agent)) {
        return true;
      }
    }
    return false;
  }

  private static Decision stay(String why) {
    return new Decision(Action.STAY, why);
  }

  private static Decision note(String why) {
    return new Decision(Action.STAY_AND_NOTE, why);
  }
}
