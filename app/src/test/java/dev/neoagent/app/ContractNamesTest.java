package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.contract.AgentKeys;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.RequestType;
import dev.neoagent.contract.SpotKeys;
import dev.neoagent.contract.UserFields;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Redis name of the contract is spelled in one package, {@code dev.neoagent.contract}: this test collects
 * the names from it and fails on any string literal in the main sources of any module (Java, and the Lua scripts,
 * which receive names as arguments) that equals one of them.
 *
 * <p>Names that are ordinary lower-case words ({@code source}, {@code host}, {@code requested}) are left out of the
 * search: they are also words of Kotak's protocol and of log messages, and would only be found by accident. Every
 * name with an upper-case letter, an underscore or a colon is searched.
 */
class ContractNamesTest {
    private static final Path ROOT = repositoryRoot();
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\\\n])*)\"");
    private static final Pattern LUA_LITERAL = Pattern.compile("'((?:\\\\.|[^'\\\\\\n])*)'");
    /** Prefixes the contract builds names from; spelled elsewhere they would build a name outside it. */
    private static final List<String> PREFIXES = List.of(
            "STATUS_",
            "MSG_",
            "RESULT_",
            "LEVEL_",
            "PLACE_LEVEL_",
            "NEO_AUDIT:",
            "NEO_INFLIGHT:",
            "NEO_LEVEL_DONE:",
            "NEO_CLAIMS:",
            "NEO_AGENT:");

    @Test
    void noContractNameIsSpelledOutsideTheContractPackage() throws IOException {
        Set<String> names = contractNames();
        assertThat(names)
                .as("the names found by reflection")
                .contains(
                        "NEO_LOGIN_REQUEST",
                        "STATUS_LEVEL_PE",
                        "NF_SPOT_TS",
                        "NEO_INSTR_META",
                        "TRADING_HALTED",
                        "BALANCE_AT",
                        "NEO_AUDIT:",
                        "PROCESSING");

        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(ContractNamesTest::isMainSource).toList()) {
                Pattern literal = file.toString().endsWith(".lua") ? LUA_LITERAL : JAVA_LITERAL;
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (isComment(lines.get(i))) {
                        continue; // documentation may name what it documents
                    }
                    Matcher matcher = literal.matcher(lines.get(i));
                    while (matcher.find()) {
                        if (names.contains(matcher.group(1))) {
                            found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + matcher.group());
                        }
                    }
                }
            }
        }
        assertThat(found)
                .as("contract names spelled outside dev.neoagent.contract (use its constants)")
                .isEmpty();
    }

    private static boolean isComment(String line) {
        String code = line.strip();
        return code.startsWith("*") || code.startsWith("//") || code.startsWith("/*") || code.startsWith("--");
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.contains("/src/main/")
                && !path.contains("/dev/neoagent/contract/")
                && !path.contains("/target/")
                && (path.endsWith(".java") || path.endsWith(".lua"));
    }

    /** Every distinctive name the contract package declares. */
    static Set<String> contractNames() {
        Set<String> names = new TreeSet<>(PREFIXES);
        for (Class<?> type : List.of(
                AgentKeys.class,
                Flags.class,
                InstrumentKeys.class,
                LevelSide.class,
                SpotKeys.class,
                UserFields.class)) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        names.addAll(SpotKeys.ALL);
        names.addAll(InstrumentKeys.INSTRUMENT_HASHES);
        names.addAll(UserFields.UI_SWITCHES);
        for (RequestType type : RequestType.values()) {
            names.add(type.flagField());
            Stream.of(
                            type.payloadField(),
                            type.statusField(),
                            type.messageField(),
                            type.resultField(),
                            type.reportTimeField(),
                            type.reportFailureField())
                    .flatMap(Optional::stream)
                    .forEach(names::add);
        }
        for (LevelSide side : LevelSide.values()) {
            names.addAll(side.fields());
        }
        names.add(AgentKeys.audit(""));
        names.add(AgentKeys.inFlight(""));
        names.add(AgentKeys.levelDone(""));
        names.add(AgentKeys.claims(""));
        names.add(AgentKeys.agentLease(""));
        names.removeIf(name -> !name.matches(".*[A-Z_:].*"));
        return names;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("common/src/main/java/dev/neoagent/contract"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "the repository root was not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
