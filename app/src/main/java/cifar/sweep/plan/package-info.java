/**
 * What a sweep trains: its definitions resolved into runs with stable ids ({@link
 * cifar.sweep.plan.SweepPlan}), the command line's overrides, shards for many machines, the
 * device of each worker, and the longest-first order.
 */
package cifar.sweep.plan;
