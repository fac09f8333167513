package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No consumer key, MPIN, TOTP secret or session token in any log line or exception message. */
class KotakSecretsTest {

    @Test
    void secretsNeverReachLogsOrExceptionMessages() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
        List<String> messages = new ArrayList<>();
        try (FakeKotakServer server = FakeKotakServer.start()) {
            var user = server.addUser("SEC1");
            KotakNeoAdapter broker = FakeBroker.adapter(server, user);
            broker.login();
            OrderRequest order = OrderRequest.market(
                    Segment.NSE_FO,
                    new TradingSymbol("NIFTY2692221000PE"),
                    Side.BUY,
                    65,
                    Product.NRML,
                    new OrderTag("sec-0"));
            broker.placeOrder(order);
            server.expireSessions(SessionExpiry.STCODE_1003);
            broker.orderBook();
            for (Fault fault : List.of(
                    Fault.http500Bare(),
                    Fault.staticIp100008(),
                    Fault.apiReject(1004, "Insufficient balance."),
                    Fault.disconnectAfterAccept())) {
                server.failNext("/quick/order/rule/ms/place", fault);
                try {
                    broker.placeOrder(order);
                } catch (BrokerException e) {
                    messages.add(e.toString());
                    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                        messages.add(cause.toString());
                    }
                }
            }
            var wrong = new FakeKotakServer.FakeUser(
                    user.ucc(), user.consumerKey(), user.mobileNumber(), "999999", user.totpSecretBase32());
            try (KotakNeoAdapter failing = FakeBroker.adapter(server, wrong)) {
                failing.login();
            } catch (BrokerException e) {
                messages.add(e.toString());
            }
            messages.add(FakeBroker.credentials(user).toString());
            broker.close();

            Set<String> secrets =
                    new LinkedHashSet<>(List.of(user.consumerKey(), user.mpin(), user.totpSecretBase32()));
            for (RecordedCall call : server.requests()) {
                for (String header : List.of("Auth", "Sid", "sid")) {
                    String value = call.header(header);
                    if (value != null && !value.isBlank()) {
                        secrets.add(value);
                    }
                }
            }
            assertThat(secrets).hasSizeGreaterThan(5); // view and trade tokens/sids were captured
            assertThat(logs.list).isNotEmpty();
            for (ILoggingEvent event : logs.list) {
                messages.add(event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    messages.add(t.getMessage() == null ? "" : t.getMessage());
                }
            }
            for (String message : messages) {
                for (String secret : secrets) {
                    assertThat(message).as("log/exception text").doesNotContain(secret);
                }
            }
        } finally {
            root.detachAppender(logs);
            root.setLevel(previous);
        }
    }
}
