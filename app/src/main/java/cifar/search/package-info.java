/**
 * What a search is: its method, its rungs and its space (one distribution per key), and the
 * trials it draws from that space, the same on every machine. Read from a sweep file by
 * {@code cifar.sweep.file}; trained by {@code cifar.search.run}.
 */
package cifar.search;
