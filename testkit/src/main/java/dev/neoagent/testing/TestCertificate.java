package dev.neoagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 (and localhost) made by the JDK's own {@code keytool}, written as PEM files
 * a TLS server (redis-server) and a client's CA file take: {@link #certificate()} is also the CA to trust.
 *
 * @param certificate the certificate, PEM ({@code -----BEGIN CERTIFICATE-----})
 * @param privateKey  its key, unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----})
 */
public record TestCertificate(Path certificate, Path privateKey) {
    private static final String PASSWORD = "test-store";

    /** Makes {@code <name>.crt} and {@code <name>.key} in {@code dir}. */
    public static TestCertificate create(Path dir, String name) {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Process process = new ProcessBuilder(List.of(
                            keytool.toString(),
                            "-genkeypair",
                            "-alias",
                            name,
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "san=ip:127.0.0.1,dns:localhost",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            PASSWORD,
                            "-keypass",
                            PASSWORD))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + "-keytool.log").toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "keytool failed: " + Files.readString(dir.resolve(name + "-keytool.log")));
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            Key key = keys.getKey(name, PASSWORD.toCharArray());
            Path certificate = Files.writeString(
                    dir.resolve(name + ".crt"),
                    pem("CERTIFICATE", keys.getCertificate(name).getEncoded()),
                    StandardCharsets.US_ASCII);
            Path privateKey = Files.writeString(
                    dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            return new TestCertificate(certificate, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
