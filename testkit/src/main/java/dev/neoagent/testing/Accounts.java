package dev.neoagent.testing;

import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Users and their sessions. Kotak has two session kinds: the short "view" session from the TOTP
 * login, used once as {@code Auth}/{@code sid} on validate, and the "trade" session from validate
 * that every post-login call carries as {@code Auth}/{@code Sid}. Guarded by the server lock.
 */
final class Accounts {
    static final BigDecimal DEFAULT_CASH = new BigDecimal("1000000");

    /** Per-user state beyond the public {@link FakeUser} record. */
    static final class Account {
        final FakeUser user;
        final byte[] totpSecret;
        final String pan;
        BigDecimal cash = DEFAULT_CASH;
        int logins;

        Account(FakeUser user, byte[] totpSecret, String pan) {
            this.user = user;
            this.totpSecret = totpSecret;
            this.pan = pan;
        }
    }

    record ViewSession(String ucc, String token, String sid) {}

    record TradeSession(String ucc, String token, String sid) {}

    /** Outcome of checking {@code Auth}/{@code Sid}: either the account or the answer to send. */
    record TradeAuth(Account account, SessionExpiry failure) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> byUcc = new LinkedHashMap<>();
    private final Map<String, Account> byConsumerKey = new HashMap<>();
    private final Map<String, ViewSession> viewByToken = new HashMap<>();
    private final Map<String, TradeSession> liveTradeByToken = new HashMap<>();
    /** Every trade token ever issued, live or dead, and whose it is (the order feed names the account by it). */
    private final Map<String, String> uccByTradeToken = new HashMap<>();
    /** Tokens that once were valid, with the answer a call carrying them gets. */
    private final Map<String, SessionExpiry> deadTradeTokens = new HashMap<>();

    Account add(String ucc) {
        if (byUcc.containsKey(ucc)) {
            throw new IllegalArgumentException("user already exists: " + ucc);
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        FakeUser user = new FakeUser(
                ucc,
                HexFormat.of().formatHex(randomBytes(16)),
                "+9198765" + digits(5),
                digits(6),
                Base32.encode(secret));
        String pan = "ABCDE" + digits(4) + "F";
        Account account = new Account(user, secret, pan);
        byUcc.put(ucc, account);
        byConsumerKey.put(user.consumerKey(), account);
        return account;
    }

    Account require(String ucc) {
        Account account = byUcc.get(ucc);
        if (account == null) {
            throw new IllegalArgumentException("unknown user: " + ucc);
        }
        return account;
    }

    Account byConsumerKey(String key) {
        return key == null ? null : byConsumerKey.get(key);
    }

    ViewSession openView(Account account, Instant now) {
        ViewSession session = new ViewSession(
                account.user.ucc(), jwt(account, "View", now), UUID.randomUUID().toString());
        viewByToken.put(session.token(), session);
        return session;
    }

    ViewSession view(String token) {
        return token == null ? null : viewByToken.get(token);
    }

    /** A new trade session replaces the user's previous one, which then answers stCode 1003. */
    TradeSession openTrade(Account account, Instant now) {
        liveTradeByToken.values().removeIf(old -> {
            if (old.ucc().equals(account.user.ucc())) {
                deadTradeTokens.put(old.token(), SessionExpiry.STCODE_1003);
                return true;
            }
            return false;
        });
        TradeSession session = new TradeSession(
                account.user.ucc(),
                jwt(account, "Trade", now),
                UUID.randomUUID().toString());
        liveTradeByToken.put(session.token(), session);
        uccByTradeToken.put(session.token(), account.user.ucc());
        account.logins++;
        return session;
    }

    TradeAuth checkTrade(String token, String sid) {
        TradeSession live = token == null ? null : liveTradeByToken.get(token);
        if (live != null && live.sid().equals(sid)) {
            return new TradeAuth(byUcc.get(live.ucc()), null);
        }
        SessionExpiry dead = token == null ? null : deadTradeTokens.get(token);
        return new TradeAuth(null, dead != null ? dead : SessionExpiry.STCODE_1003);
    }

    /** The UCC a trade token was issued to, live or expired; null for a token never issued. */
    String uccOfTradeToken(String token) {
        return token == null ? null : uccByTradeToken.get(token);
    }

    /** Whether {@code sid} is the sid of a live trade session of {@code ucc} (how the market feed checks its auth). */
    boolean isLiveTradeSid(String ucc, String sid) {
        return liveTradeByToken.values().stream()
                .anyMatch(s -> s.ucc().equals(ucc) && s.sid().equals(sid));
    }

    /** Every trade token issued so far now answers with {@code style}. */
    void expireAll(SessionExpiry style) {
        deadTradeTokens.replaceAll((token, old) -> style);
        for (String token : liveTradeByToken.keySet()) {
            deadTradeTokens.put(token, style);
        }
        liveTradeByToken.clear();
    }

    /** Looks like Kotak's RS256 JWTs (clients may decode {@code exp}); the signature is noise. */
    private String jwt(Account account, String kind, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = String.format(
                Locale.ROOT,
                "{\"sub\":\"%s\",\"jti\":\"%s\",\"ucc\":\"%s\",\"kType\":\"%s\",\"iat\":%d,\"exp\":%d}",
                UUID.randomUUID(),
                UUID.randomUUID(),
                account.user.ucc(),
                kind,
                now.getEpochSecond(),
                now.plus(Duration.ofHours(12)).getEpochSecond());
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(randomBytes(64));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String digits(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
