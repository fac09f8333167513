package dev.neoagent.agent.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.ObjectOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by its SHA1, falling back to sending the text when the server does not know it
 * (first use, or after a Redis restart flushed the script cache).
 *
 * <p>Keys and arguments are turned into bytes (UTF-8, what lettuce's {@link StringCodec#UTF8} writes) on the calling
 * thread, not by the connection. Every worker shares the agent's one connection, whose single event-loop thread
 * otherwise encodes each argument into a buffer of its own; a claim sends over a hundred arguments, and in a burst of
 * 200 users' orders that thread became the queue every claim waited in (docs/benchmarks.md, bursts). This way it
 * only copies bytes.
 */
final class LuaScript {
    private static final RedisCodec<String, String> CODEC = StringCodec.UTF8;

    private final byte[] sourceBytes;
    private final byte[] shaBytes;

    private LuaScript(String source) {
        this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        this.shaBytes = sha1(source).getBytes(StandardCharsets.UTF_8);
    }

    static LuaScript fromResource(String name) {
        return new LuaScript(text(name));
    }

    /** A script that starts with a shared prelude (e.g. the level field names taken from its arguments). */
    static LuaScript fromResources(String prelude, String name) {
        return new LuaScript(text(prelude) + text(name));
    }

    /** A script that starts with a prelude made at start-up (e.g. a table of the contract's names). */
    static LuaScript withPrelude(String preludeSource, String name) {
        return new LuaScript(preludeSource + text(name));
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
        byte[][] encoded = encode(keys, args);
        try {
            return redis.dispatch(CommandType.EVALSHA, output(type), command(shaBytes, keys.length, encoded));
        } catch (RedisNoScriptException e) {
            return redis.dispatch(CommandType.EVAL, output(type), command(sourceBytes, keys.length, encoded));
        }
    }

    /** Runs without waiting for the answer; a server that lost the script cache gets the text. */
    CompletionStage<Object> runAsync(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        byte[][] encoded = encode(keys, args);
        return redis.dispatch(
                        CommandType.EVALSHA, output(ScriptOutputType.STATUS), command(shaBytes, keys.length, encoded))
                .exceptionallyCompose(failure -> failure instanceof RedisNoScriptException
                                || failure.getCause() instanceof RedisNoScriptException
                        ? redis.dispatch(
                                CommandType.EVAL,
                                output(ScriptOutputType.STATUS),
                                command(sourceBytes, keys.length, encoded))
                        : CompletableFuture.failedFuture(failure));
    }

    /** Keys, then arguments, as UTF-8. */
    private static byte[][] encode(String[] keys, String[] args) {
        byte[][] encoded = new byte[keys.length + args.length][];
        for (int i = 0; i < keys.length; i++) {
            encoded[i] = keys[i].getBytes(StandardCharsets.UTF_8);
        }
        for (int i = 0; i < args.length; i++) {
            encoded[keys.length + i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return encoded;
    }

    /** {@code EVALSHA sha numkeys key... arg...} (or EVAL with the text), as lettuce's own eval builds it. */
    private static CommandArgs<String, String> command(byte[] script, int keyCount, byte[][] keysAndArgs) {
        CommandArgs<String, String> command =
                new CommandArgs<>(CODEC).add(script).add(keyCount);
        for (byte[] value : keysAndArgs) {
            command.add(value);
        }
        return command;
    }

    /** The reply's decoding, as lettuce chooses it for a script's output type. */
    @SuppressWarnings("unchecked")
    private static <T> CommandOutput<String, String, T> output(ScriptOutputType type) {
        CommandOutput<String, String, ?> output = switch (type) {
            case BOOLEAN -> new BooleanOutput<>(CODEC);
            case INTEGER -> new IntegerOutput<>(CODEC);
            case STATUS -> new StatusOutput<>(CODEC);
            case MULTI -> new NestedMultiOutput<>(CODEC);
            case VALUE -> new ValueOutput<>(CODEC);
            case OBJECT -> new ObjectOutput<>(CODEC);
        };
        return (CommandOutput<String, String, T>) output;
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
