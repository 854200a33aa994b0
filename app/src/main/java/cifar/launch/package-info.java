/**
 * How {@code java -jar cifar.jar} gets tcmalloc without a launcher script: the JVM cannot change
 * its malloc once it runs, so {@link cifar.launch.Relaunch} starts the same command once more with
 * the tcmalloc bundled in the jar preloaded, or says in one line why it stays where it is.
 * {@link cifar.launch.ProcessMaps} reads which malloc a process runs on. This package uses nothing
 * of the project's but {@code cifar.io}, so that the first JVM stays small and quick.
 */
package cifar.launch;
