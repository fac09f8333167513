package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers {@code bin/neo-agent} and {@code bin/neo-bootstrap}, run by bash against fake JDK folders
 * (a {@code release} file and a {@code bin/java} script that prints how it was called), so what they choose
 * does not depend on the JDKs of the machine running the test.
 */
class LauncherTest {
    private static final Path REPO = findRepo();

    @TempDir
    Path temp;

    private Path checkout;
    private Path fakeBin;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void distribution() throws IOException {
        // a distribution layout (no pom.xml): bin/ and lib/, nothing to build
        checkout = temp.resolve("neo");
        Files.createDirectories(checkout.resolve("bin"));
        for (String name : List.of("neo-agent", "neo-bootstrap", "neo-env")) {
            Files.copy(
                    REPO.resolve("bin").resolve(name), checkout.resolve("bin").resolve(name));
        }
        Files.createDirectories(checkout.resolve("lib"));
        Files.writeString(checkout.resolve("lib/neo-agent.jar"), "jar");
        Files.writeString(checkout.resolve("lib/neo-bootstrap.jar"), "jar");
        fakeBin = Files.createDirectories(temp.resolve("fake-bin"));
        env.put("HOME", temp.resolve("home").toString());
        // the system tools the launcher uses, but no java of the machine's: /usr/bin/java would be found
        env.put("PATH", fakeBin + ":" + toolsOnly());
        env.put("NEO_JDK_DIRS", temp.resolve("jvm") + "/*");
    }

    @Test
    void usesJavaHomeWhenItIs21OrNewer() throws Exception {
        env.put("JAVA_HOME", fakeJdk("jvm/jdk-22", "22.0.1", true).toString());
        fakeJdk("jvm/jdk-25", "25", true);

        Result result = run("bin/neo-agent", "demo", "--x");

        assertThat(result.exit).isZero();
        assertThat(result.out)
                .contains("java of " + temp.resolve("jvm/jdk-22"))
                .contains("-jar " + checkout.resolve("lib/neo-agent.jar") + " demo --x");
    }

    @Test
    void skipsAJavaHomeOlderThan21AndTakesTheFirstNewEnoughOne() throws Exception {
        env.put("JAVA_HOME", fakeJdk("jvm/jdk-17", "17.0.15", true).toString());
        fakeJdk("jvm/jdk-1.8", "1.8.0_402", true);
        fakeJdk("jvm/jdk-21", "21.0.4", true);

        Result result = run("bin/neo-bootstrap", "--paper");

        assertThat(result.exit).isZero();
        assertThat(result.out)
                .contains("java of " + temp.resolve("jvm/jdk-21"))
                .contains("-jar " + checkout.resolve("lib/neo-bootstrap.jar") + " --paper");
    }

    @Test
    void takesTheJavaOnThePathThroughItsSymlink() throws Exception {
        Path jdk = fakeJdk("elsewhere/jdk-23", "23", true);
        Files.createSymbolicLink(fakeBin.resolve("java"), jdk.resolve("bin/java"));

        Result result = run("bin/neo-agent", "status");

        assertThat(result.out).contains("java of " + jdk);
    }

    @Test
    void readsTheVersionFromJavaWhenThereIsNoReleaseFile() throws Exception {
        Path jdk = fakeJdk("jvm/no-release", "21.0.2", true);
        Files.delete(jdk.resolve("release"));

        Result result = run("bin/neo-agent", "status");

        assertThat(result.out).contains("java of " + jdk);
    }

    @Test
    void passesJavaOptsToTheJvm() throws Exception {
        fakeJdk("jvm/jdk-21", "21", true);
        env.put("JAVA_OPTS", "-Xmx64m -Dneo.x=1");

        Result result = run("bin/neo-agent", "run");

        assertThat(result.out)
                .contains("args -Xmx64m -Dneo.x=1 -jar " + checkout.resolve("lib/neo-agent.jar") + " run");
    }

    @Test
    void worksThroughASymlinkToTheLauncher() throws Exception {
        fakeJdk("jvm/jdk-21", "21", true);
        Path link = temp.resolve("link-bin/neo-agent");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, checkout.resolve("bin/neo-agent"));

        Result result = run(link.toString(), "status");

        assertThat(result.out).contains("-jar " + checkout.resolve("lib/neo-agent.jar"));
    }

    @Test
    void withoutJava21SaysWhatItNeedsAndWhereItLookedInOneLine() throws Exception {
        env.put("JAVA_HOME", fakeJdk("jvm/jdk-17", "17.0.15", true).toString());

        Result result = run("bin/neo-agent", "demo");

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err.strip().lines()).hasSize(1);
        assertThat(result.err)
                .startsWith("neo-agent: needs Java 21 or newer but found " + temp.resolve("jvm/jdk-17") + " (17)")
                .contains("$JAVA_HOME", "the java on the PATH", temp.resolve("jvm") + "/*");
    }

    @Test
    void buildsMissingJarsWithTheJdkFoundThenRunsThem() throws Exception {
        Path jdk = fakeJdk("jvm/jdk-21", "21", true);
        sourceCheckout();
        Path log = fakeMaven();

        Result result = run("bin/neo-agent", "demo");

        assertThat(result.exit).isZero();
        assertThat(Files.readString(log)).isEqualTo("mvn -B -q package -DskipTests JAVA_HOME=" + jdk + "\n");
        assertThat(result.err).contains("building the jars with Java 21 at " + jdk);
        assertThat(result.out).contains("-jar " + checkout.resolve("app/target/neo-agent.jar") + " demo");
    }

    @Test
    void rebuildsOnlyWhenASourceIsNewerThanTheJar() throws Exception {
        fakeJdk("jvm/jdk-21", "21", true);
        sourceCheckout();
        Path log = fakeMaven();
        Path jar = checkout.resolve("app/target/neo-agent.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Path source = checkout.resolve("common/src/main/java/X.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(
                checkout.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));

        run("bin/neo-agent", "status");
        assertThat(log).doesNotExist();

        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        run("bin/neo-agent", "status");
        assertThat(Files.readString(log)).startsWith("mvn -B -q package -DskipTests");
    }

    @Test
    void buildingNeedsAJdkNotAJre() throws Exception {
        fakeJdk("jvm/jre-21", "21", false);
        sourceCheckout();
        fakeMaven();

        Result result = run("bin/neo-agent", "demo");

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.err)
                .contains("needs a JDK 21 or newer (with javac, to build the jars)")
                .contains(temp.resolve("jvm/jre-21") + " (21, no javac)");
    }

    @Test
    void testRunsMavenVerifyWithTheJdkFound() throws Exception {
        Path jdk = fakeJdk("jvm/jdk-25", "25", true);
        sourceCheckout();
        Path log = fakeMaven();

        Result result = run("bin/neo-agent", "test", "-Dx=1");

        assertThat(result.exit).isZero();
        assertThat(Files.readString(log)).isEqualTo("mvn -B verify -Dx=1 JAVA_HOME=" + jdk + "\n");
    }

    // ---- fixtures ----

    /** A folder that looks like a JDK of {@code version}: {@code release} and a {@code bin/java} that reports its calls. */
    private Path fakeJdk(String relative, String version, boolean withJavac) throws IOException {
        Path home = temp.resolve(relative);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        script(home.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "%s" 2024-01-16' >&2; exit 0; fi
                echo "java of %s args $*"
                """.formatted(version, home));
        if (withJavac) {
            script(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        }
        return home;
    }

    /** Turns the distribution into a source checkout: a pom and one main source file. */
    private void sourceCheckout() throws IOException {
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.createDirectories(checkout.resolve("common/src/main/java"));
        Files.writeString(checkout.resolve("common/src/main/java/X.java"), "class X {}");
    }

    /** An {@code mvn} that logs its arguments and JAVA_HOME, and "builds" the agent jar. */
    private Path fakeMaven() throws IOException {
        Path log = temp.resolve("mvn.log");
        script(fakeBin.resolve("mvn"), """
                #!/bin/sh
                echo "mvn $* JAVA_HOME=$JAVA_HOME" >> %s
                mkdir -p app/target && echo jar > app/target/neo-agent.jar
                """.formatted(log));
        return log;
    }

    private static void script(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A PATH with the shell tools the launcher needs but without the machine's java. */
    private String toolsOnly() throws IOException {
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool :
                List.of("sed", "head", "find", "dirname", "basename", "readlink", "mkdir", "cat", "flock", "sh")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(dir, tool);
                if (Files.isExecutable(found) && Files.notExists(tools.resolve(tool))) {
                    // a wrapper, not a symlink: JUnit warns about links leaving the temporary folder
                    script(tools.resolve(tool), "#!/bin/sh\nexec " + found + " \"$@\"\n");
                }
            }
        }
        return tools.toString();
    }

    private Result run(String launcher, String... args) throws Exception {
        Path script = launcher.startsWith("/") ? Path.of(launcher) : checkout.resolve(launcher);
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(
                process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {}

    private static Path findRepo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/neo-env"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "bin/neo-env not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
