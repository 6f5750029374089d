package org.kvcaches.api.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.internal.Excerpt;

/**
 * A parsed store URI: {@code scheme:[//[user[:password]@]host[:port][,host[:port]...]][path][?options]}.
 *
 * <p>{@link java.net.URI} is not used because store URIs need several hosts in one authority (Redis
 * Cluster seeds) and relative opaque paths ({@code file:data}). User info, path and options are
 * percent-decoded; {@code +} stays a plus. Fragments are rejected. {@link #toString()} shows the URI
 * with the password and every secret-looking option replaced by {@code ***}.
 */
public final class StoreUri {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern SECRET_WORD = Pattern.compile("(?i)password|passwd|secret|token|credential|apikey|api_key|sessionkey");

    private final String scheme;
    private final String user;
    private final String password;
    private final List<Host> hosts;
    private final boolean hasAuthority;
    private final String path;
    private final StoreOptions options;
    private final String redacted;

    /** One host of the authority, with its port or {@code -1} when none was given. */
    public record Host(String name, int port) {
        @Override
        public String toString() {
            String shown = name.contains(":") ? "[" + name + "]" : name;
            return port < 0 ? shown : shown + ":" + port;
        }
    }

    private StoreUri(String scheme, String user, String password, List<Host> hosts, boolean hasAuthority,
                     String path, Map<String, String> options, String redacted) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.hosts = List.copyOf(hosts);
        this.hasAuthority = hasAuthority;
        this.path = path;
        this.redacted = redacted;
        this.options = new StoreOptions(options, redacted);
    }

    /**
     * Parses a store URI.
     *
     * @param text the URI, surrounding blank space allowed
     * @return the parsed URI
     * @throws StoreUriException when it is malformed; the message does not contain secrets
     */
    public static StoreUri parse(String text) {
        if (text == null) {
            throw new StoreUriException("a store URI must not be null");
        }
        String uri = text.strip();
        String shown = Excerpt.of(redact(uri), Excerpt.URI);
        if (uri.isEmpty()) {
            throw new StoreUriException("a store URI must not be empty; try mem: or file:///path/to/dir");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new StoreUriException("malformed store URI '" + shown + "': character " + i
                        + " must be percent-encoded (spaces, control and non-ASCII characters are not allowed)");
            }
        }
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            throw new StoreUriException("malformed store URI '" + shown
                    + "': it must start with a scheme such as mem:, file:, redis: or s3:");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            throw new StoreUriException("malformed store URI '" + shown
                    + "': fragments are not supported; write a literal '#' as %23");
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String user = null;
        String password = null;
        List<Host> hosts = new ArrayList<>();
        boolean hasAuthority = rest.startsWith("//");
        if (hasAuthority) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            String authority = slash >= 0 ? rest.substring(0, slash) : rest;
            rest = slash >= 0 ? rest.substring(slash) : "";
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int sep = userInfo.indexOf(':');
                user = decode(sep >= 0 ? userInfo.substring(0, sep) : userInfo, shown, "user name");
                password = sep >= 0 ? decode(userInfo.substring(sep + 1), shown, "password") : null;
            }
            if (!authority.isEmpty()) {
                for (String hostText : authority.split(",", -1)) {
                    hosts.add(parseHost(hostText, shown));
                }
            }
        }
        String path = decode(rest, shown, "path");
        Map<String, String> options = parseQuery(query, shown);
        return new StoreUri(scheme, user, password, hosts, hasAuthority, path, options, shown);
    }

    /**
     * Replaces passwords and secret-looking option values in any text that may hold store URIs, even
     * malformed ones or whole tier chains. Takes time linear in the text's length.
     *
     * <p>A password is what lies between the first {@code :} and the last {@code @} of the text after
     * a {@code //}, up to a {@code /}, {@code ?}, {@code #}, {@code |}, quote or blank; a secret option
     * is a {@code ?name=value} or {@code &name=value} whose name contains {@code password},
     * {@code secret}, {@code token}, {@code credential}, {@code apikey} or {@code sessionkey}, and its
     * value runs to the next {@code &}, {@code #}, {@code |} or blank.
     *
     * @param text the text
     * @return the text with secrets replaced by {@code ***}
     */
    public static String redact(String text) {
        return redactSecretOptions(redactUserInfo(text));
    }

    private static String redactUserInfo(String text) {
        StringBuilder out = null;
        int copied = 0;
        int from = text.indexOf("//");
        while (from >= 0) {
            int colon = -1;
            int at = -1;
            int end = from + 2;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (c == '/' || c == '?' || c == '#' || c == '|' || c == '\'' || c == '"' || Character.isWhitespace(c)) {
                    break;
                }
                if (c == ':' && colon < 0) {
                    colon = end;
                } else if (c == '@') {
                    at = end;
                }
            }
            if (colon >= 0 && at > colon) {
                out = out != null ? out : new StringBuilder(text.length());
                out.append(text, copied, colon + 1).append("***");
                copied = at;
            }
            from = text.indexOf("//", end);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static String redactSecretOptions(String text) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '?' && c != '&') {
                i++;
                continue;
            }
            // A '?' inside the name starts a name that is a suffix of this one: no need to look at it again.
            int nameEnd = i + 1;
            while (nameEnd < text.length() && "=&#|".indexOf(text.charAt(nameEnd)) < 0) {
                nameEnd++;
            }
            if (nameEnd < text.length() && text.charAt(nameEnd) == '='
                    && SECRET_WORD.matcher(text).region(i + 1, nameEnd).find()) {
                int valueEnd = nameEnd + 1;
                while (valueEnd < text.length() && "&#|".indexOf(text.charAt(valueEnd)) < 0
                        && !Character.isWhitespace(text.charAt(valueEnd))) {
                    valueEnd++;
                }
                out = out != null ? out : new StringBuilder(text.length());
                out.append(text, copied, nameEnd + 1).append("***");
                copied = valueEnd;
                i = valueEnd;
            } else {
                i = nameEnd;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static Host parseHost(String text, String shown) {
        if (text.isEmpty()) {
            throw new StoreUriException("malformed store URI '" + shown + "': empty host in the host list");
        }
        String name;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new StoreUriException("malformed store URI '" + shown + "': unclosed '[' in IPv6 host '" + text + "'");
            }
            name = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new StoreUriException("malformed store URI '" + shown + "': unexpected '" + after + "' after IPv6 host");
                }
                portText = after.substring(1);
            }
        } else {
            int sep = text.lastIndexOf(':');
            name = sep >= 0 ? text.substring(0, sep) : text;
            portText = sep >= 0 ? text.substring(sep + 1) : null;
        }
        if (name.isEmpty()) {
            throw new StoreUriException("malformed store URI '" + shown + "': a host name is missing before ':'");
        }
        int port = -1;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -2;
            }
            if (port < 0 || port > 65535) {
                throw new StoreUriException("malformed store URI '" + shown + "': port '" + portText
                        + "' of host '" + name + "' is not a number from 0 to 65535");
            }
        }
        return new Host(name, port);
    }

    private static Map<String, String> parseQuery(String query, String shown) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair, shown, "option name");
            String value = eq >= 0 ? decode(pair.substring(eq + 1), shown, "value of option '" + name + "'") : "";
            if (name.isEmpty()) {
                throw new StoreUriException("malformed store URI '" + shown + "': an option has no name");
            }
            if (options.putIfAbsent(name, value) != null) {
                throw new StoreUriException("malformed store URI '" + shown + "': option '" + name + "' is given twice");
            }
        }
        return options;
    }

    private static String decode(String text, String shown, String part) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new StoreUriException("malformed store URI '" + shown + "': bad percent escape in the " + part
                            + " (a '%' must be followed by two hex digits; write a literal '%' as %25)");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the scheme, in lower case */
    public String scheme() {
        return scheme;
    }

    /** @return the decoded user name of the user info, if any */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** @return the decoded password of the user info, if any; never print it */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** @return whether the URI has an authority ({@code //...}), even an empty one */
    public boolean hasAuthority() {
        return hasAuthority;
    }

    /** @return the hosts of the authority in the order given; empty when there are none */
    public List<Host> hosts() {
        return hosts;
    }

    /** @return the first host's name, or {@code ""} when there is none */
    public String host() {
        return hosts.isEmpty() ? "" : hosts.get(0).name();
    }

    /** @return the first host's port, or {@code -1} when none was given */
    public int port() {
        return hosts.isEmpty() ? -1 : hosts.get(0).port();
    }

    /** @return the decoded path: {@code "/data"} for {@code file:///data}, {@code "data"} for {@code file:data} */
    public String path() {
        return path;
    }

    /** @return the options from the query, decoded and typed on access */
    public StoreOptions options() {
        return options;
    }

    /** @return the URI with secrets replaced by {@code ***}, its first 1,000 characters when it is longer */
    @Override
    public String toString() {
        return redacted;
    }

    static boolean isSecretOption(String name) {
        return SECRET_WORD.matcher(name).find();
    }
}
