/**
 * The {@code kv} command ({@link org.kvcaches.cli.Kv} is its entry point): one picocli command class
 * per subcommand, all working on a store opened by URI; output is human text or JSON, failures are one
 * line on standard error and an exit code. Not an API: only the command line is.
 */
package org.kvcaches.cli;
