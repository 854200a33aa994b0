/**
 * One invocation of {@code cifar sweep} on one machine: record the plan, find what this shard
 * still lacks and train it, longest first or as ASHA decides; or, with {@code --dry-run}, list
 * what it would train.
 */
package cifar.sweep.session;
