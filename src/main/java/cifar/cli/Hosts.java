package cifar.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this machine, for records (which node of a cluster trained a run). */
final class Hosts {
  private Hosts() {}

  static String name() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
