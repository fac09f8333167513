package dev.neoagent.testing;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decoding helpers for paths and form bodies. */
final class Urls {
    private Urls() {}

    /**
     * Percent-decodes a path segment ({@code %7C} → {@code |}, {@code %20} → space). Unlike form
     * decoding, '+' stays '+', as in RFC 3986 paths.
     *
     * @throws IllegalArgumentException on a broken escape
     */
    static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length) {
                    throw new IllegalArgumentException("truncated escape in " + text);
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape in " + text);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The decoded value of one field of an {@code application/x-www-form-urlencoded} body, or null
     * when absent or undecodable. Handles both '+' and '%20' for spaces (the Python SDKs use '+',
     * openalgo '%20').
     */
    static String formField(String body, String name) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
