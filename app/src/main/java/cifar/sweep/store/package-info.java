/**
 * The sweep directory: the plan in sweep.json, one record file per finished run, records merged
 * from shards or from a published records.json, and the per-shard locks whose heartbeats keep
 * two sweeps off the same runs.
 */
package cifar.sweep.store;
