package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script sent by its SHA-1 ({@code EVALSHA}), so a call carries the digest instead of the whole
 * text. A server that does not know the script yet (first use, restart, {@code SCRIPT FLUSH}, another
 * cluster node) answers {@code NOSCRIPT}; the script is then sent once with {@code EVAL}, which also
 * caches it on that server.
 */
final class RedisScript {
    private final byte[] text;
    private final byte[] sha;

    RedisScript(String text) {
        this.text = text.getBytes(US_ASCII);
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(this.text)).getBytes(US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(text, keys, args);
        }
    }

    /** Runs the script on one connection the caller holds, as {@link #run(UnifiedJedis, List, List)} does on a client. */
    Object run(Connection connection, List<byte[]> keys, List<byte[]> args) {
        try {
            return connection.executeCommand(command(Protocol.Command.EVALSHA, sha, keys, args));
        } catch (JedisNoScriptException e) {
            return connection.executeCommand(command(Protocol.Command.EVAL, text, keys, args));
        }
    }

    private static CommandObject<Object> command(Protocol.Command eval, byte[] script, List<byte[]> keys, List<byte[]> args) {
        CommandArguments arguments = new CommandArguments(eval).add(script).add(keys.size());
        keys.forEach(arguments::key);
        args.forEach(arguments::add);
        return new CommandObject<>(arguments, BuilderFactory.RAW_OBJECT);
    }
}
