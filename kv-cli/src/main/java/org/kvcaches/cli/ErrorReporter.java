package org.kvcaches.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.StoreUri;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit code: 1 for a missing key, 2 for a usage
 * error (picocli's parameter errors, invalid keys, bad URIs, an operation the store does not offer,
 * an unreadable local file), 3 for a store failure. Every message goes through
 * {@link StoreUri#redact(String)}, since a user may have typed a password into a URI that picocli
 * echoes back. Stack traces only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final Environment environment;

    ErrorReporter(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        environment.err().println(name + ": " + StoreUri.redact(ex.getMessage()));
        StringWriter suggestions = new StringWriter();
        PrintWriter writer = new PrintWriter(suggestions);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, writer);
        writer.flush();
        if (!suggestions.toString().isEmpty()) {
            environment.err().print(StoreUri.redact(suggestions.toString()));
        }
        environment.err().println("Try '" + name + " --help' for more information.");
        if (ex.getCause() != null && isVerbose(commandLine)) {
            printStackTrace(ex);
        }
        environment.err().flush();
        return Kv.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String name = commandLine.getCommandSpec().qualifiedName();
        Object command = commandLine.getCommand();
        String store = command instanceof StoreCommand storeCommand ? storeCommand.openedStore() : null;
        int code;
        String message;
        boolean unexpected = false;
        Throwable failure = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (failure instanceof KeyNotFoundException) {
            code = Kv.NOT_FOUND;
            message = failure.getMessage() + (store != null ? " in " + store : "");
        } else if (failure instanceof UnsupportedOperationException) {
            code = Kv.USAGE;
            message = (store != null ? store + " cannot do this: " : "") + failure.getMessage();
        } else if (failure instanceof IllegalArgumentException) {
            code = Kv.USAGE;
            message = failure.getMessage();
        } else if (failure instanceof KvException) {
            code = Kv.STORE_ERROR;
            message = failure.getMessage();
        } else if (failure instanceof NoSuchFileException) {
            code = Kv.USAGE;
            message = "no such file: " + failure.getMessage();
        } else if (failure instanceof AccessDeniedException) {
            code = Kv.USAGE;
            message = "permission denied: " + failure.getMessage();
        } else if (failure instanceof FileAlreadyExistsException) {
            code = Kv.USAGE;
            message = "not a file (a folder or other entry is in the way): " + failure.getMessage();
        } else if (failure instanceof IOException) {
            code = Kv.STORE_ERROR;
            message = "I/O error: " + failure.getMessage();
        } else {
            code = Kv.STORE_ERROR;
            message = "unexpected error: " + failure;
            unexpected = true;
        }
        environment.err().println(name + ": " + StoreUri.redact(String.valueOf(message)));
        if (isVerbose(commandLine)) {
            printStackTrace(ex);
        } else if (unexpected) {
            environment.err().println("Run with --verbose for the stack trace.");
        }
        environment.err().flush();
        return code;
    }

    private static boolean isVerbose(CommandLine commandLine) {
        for (CommandLine c = commandLine; c != null; c = c.getParent()) {
            Object command = c.getCommand();
            if (command instanceof KvSubcommand sub && sub.verbose) {
                return true;
            }
            if (command instanceof KvCommand root && root.verbose) {
                return true;
            }
        }
        return false;
    }

    private void printStackTrace(Throwable ex) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        environment.err().print(StoreUri.redact(trace.toString()));
    }
}
