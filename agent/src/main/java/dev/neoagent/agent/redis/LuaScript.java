package dev.neoagent.agent.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its SHA1, falling back to sending the text when the server does not know it
 * (first use, or after a Redis restart flushed the script cache).
 */
final class LuaScript {
    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript fromResource(String name) {
        return new LuaScript(text(name));
    }

    /** A script that starts with a shared prelude (e.g. the level field names taken from its arguments). */
    static LuaScript fromResources(String prelude, String name) {
        return new LuaScript(text(prelude) + text(name));
    }

    private static String text(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    /** Runs without waiting for the answer; a server that lost the script cache gets the text. */
    java.util.concurrent.CompletionStage<Object> runAsync(
            io.lettuce.core.api.async.RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        return redis.<Object>evalsha(sha, ScriptOutputType.STATUS, keys, args)
                .exceptionallyCompose(failure -> failure instanceof RedisNoScriptException
                                || failure.getCause() instanceof RedisNoScriptException
                        ? redis.<Object>eval(source, ScriptOutputType.STATUS, keys, args)
                        : java.util.concurrent.CompletableFuture.failedFuture(failure));
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }
}
