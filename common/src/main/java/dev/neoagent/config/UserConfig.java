package dev.neoagent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Kotak Neo account, as read from {@code <neoHome>/<uid>/<uid>.json}.
 *
 * <p>Validated (and normalised) in the constructor, so a {@code UserConfig} that exists is usable: code further on
 * never has to re-check the mobile number format or whether the MPIN has the right length. Problems are reported
 * as {@link ConfigException}s naming {@link #source()} and the JSON key, because that is what the operator edits.
 *
 * <p>{@link #toString()} is safe to log: every credential is a {@link Secret} and prints as {@code ****}.
 *
 * @param uid          our name for the account; also the folder and file name, hence the character restrictions
 * @param consumerKey  API consumer key from the Kotak Neo developer portal
 * @param mobileNumber normalised to {@code +91} followed by 10 digits
 * @param ucc          Kotak unique client code
 * @param mpin         4 or 6 digits
 * @param totpSecret   base32 TOTP seed, normalised: upper case, no spaces, no {@code =} padding
 * @param broker       raw value of the optional {@code "broker"} key (e.g. {@code "paper"}); interpreted elsewhere
 * @param source       the file this came from, for messages
 */
public record UserConfig(
        String uid,
        Secret consumerKey,
        String mobileNumber,
        String ucc,
        Secret mpin,
        Secret totpSecret,
        Optional<String> broker,
        Path source,
        RiskLimits risk) {

    // JSON keys; error messages use these rather than the Java names because the operator edits the JSON.
    static final String FIELD_CONSUMER_KEY = "consumer_key";
    static final String FIELD_MOBILE_NUMBER = "mobile_number";
    static final String FIELD_UCC = "ucc";
    static final String FIELD_MPIN = "mpin";
    static final String FIELD_TOTP_SECRET = "totp_secret";
    static final String FIELD_BROKER = "broker";
    /** Value of {@code "broker"} for the simulated broker (paper trading). */
    public static final String BROKER_PAPER = "paper";
    /** Value of {@code "broker"} for Kotak Neo, the default. */
    public static final String BROKER_KOTAK = "kotak";

    static final String FIELD_MAX_LOTS_PER_ORDER = "max_lots_per_order";
    static final String FIELD_MAX_ORDERS_PER_MINUTE = "max_orders_per_minute";

    private static final Pattern INDIAN_MOBILE = Pattern.compile("\\+91[0-9]{10}");
    private static final Pattern MPIN = Pattern.compile("[0-9]{4}|[0-9]{6}");
    // 16 base32 characters = 80 bits, the shortest seed authenticator apps accept.
    private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]{16,}");
    private static final Pattern TOTP_IGNORED = Pattern.compile("[\\s=]");

    /** A user with the default risk limits. */
    public UserConfig(
            String uid,
            Secret consumerKey,
            String mobileNumber,
            String ucc,
            Secret mpin,
            Secret totpSecret,
            Optional<String> broker,
            Path source) {
        this(uid, consumerKey, mobileNumber, ucc, mpin, totpSecret, broker, source, RiskLimits.DEFAULT);
    }

    public UserConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(risk, "risk (use RiskLimits.DEFAULT)");
        Objects.requireNonNull(broker, "broker (use Optional.empty())");

        String uidProblem = uidProblem(uid);
        if (uidProblem != null) {
            throw new ConfigException(source + ": user id \"" + printable(uid) + "\" " + uidProblem);
        }

        broker = broker.map(b -> b.strip().toLowerCase(Locale.ROOT));
        if (broker.isPresent()
                && !broker.get().equals(BROKER_KOTAK)
                && !broker.get().equals(BROKER_PAPER)) {
            throw ConfigException.field(source, FIELD_BROKER, "expected \"kotak\" or \"paper\"");
        }
        // The paper broker needs no account: Kotak's credentials are optional for it, and unchecked.
        if (!broker.equals(Optional.of(BROKER_PAPER))) {
            requireNonBlank(source, FIELD_CONSUMER_KEY, consumerKey == null ? null : consumerKey.reveal());

            requireNonBlank(source, FIELD_MOBILE_NUMBER, mobileNumber);
            mobileNumber = normaliseMobile(mobileNumber);
            if (mobileNumber == null) {
                // The number is not a credential, but it is personal data: do not echo it either.
                throw ConfigException.field(source, FIELD_MOBILE_NUMBER, "expected +91 followed by 10 digits");
            }

            requireNonBlank(source, FIELD_UCC, ucc);
            ucc = ucc.strip();

            requireNonBlank(source, FIELD_MPIN, mpin == null ? null : mpin.reveal());
            if (!MPIN.matcher(mpin.reveal()).matches()) {
                throw ConfigException.field(source, FIELD_MPIN, "expected 4 or 6 digits");
            }

            requireNonBlank(source, FIELD_TOTP_SECRET, totpSecret == null ? null : totpSecret.reveal());
            String seed = normaliseBase32(totpSecret.reveal());
            if (!BASE32.matcher(seed).matches()) {
                throw ConfigException.field(
                        source,
                        FIELD_TOTP_SECRET,
                        "expected base32 (letters A-Z and digits 2-7), at least 16 characters");
            }
            totpSecret = Secret.of(seed);
        }
    }

    /** Whether this user trades on the paper broker (no Kotak account involved). */
    public boolean isPaper() {
        return broker.equals(Optional.of(BROKER_PAPER));
    }

    /**
     * Why a user id is unusable, or {@code null} if it is fine. The id becomes a folder and a file name (and later
     * part of Redis keys), so path separators, {@code .}/{@code ..}, whitespace and control characters are out.
     */
    public static String uidProblem(String uid) {
        if (uid == null || uid.isBlank()) {
            return "must not be blank";
        }
        if (uid.equals(".") || uid.equals("..")) {
            return "must not be . or ..";
        }
        if (uid.indexOf('/') >= 0 || uid.indexOf('\\') >= 0) {
            return "must not contain / or \\";
        }
        if (uid.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return "must not contain whitespace";
        }
        if (uid.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /**
     * Accepts {@code +91XXXXXXXXXX}, {@code 91XXXXXXXXXX} and a bare {@code XXXXXXXXXX}, as people write all three;
     * returns the {@code +91} form the login API wants, or {@code null} if it is none of them.
     */
    static String normaliseMobile(String raw) {
        String s = raw.strip();
        if (s.matches("[0-9]{10}")) {
            s = "+91" + s;
        } else if (s.matches("91[0-9]{10}")) {
            s = "+" + s;
        }
        return INDIAN_MOBILE.matcher(s).matches() ? s : null;
    }

    /** Authenticator apps show seeds in lower case groups, sometimes padded; the TOTP code needs the bare form. */
    static String normaliseBase32(String raw) {
        return TOTP_IGNORED.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Shows control characters as {@code \\uXXXX} so a bad id cannot garble the terminal or the log. */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The value is not included: for secret fields it is the secret. */
    private static void requireNonBlank(Path source, String field, String value) {
        if (value == null) {
            throw ConfigException.field(source, field, "is missing");
        }
        if (value.isBlank()) {
            throw ConfigException.field(source, field, "must not be empty");
        }
    }
}
