package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.testing.FakeKotakServer.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redis-contract.md §3: each user has exactly one owning agent (NEO_OWNER:<uid>); agents share the users; a dead
 * agent's users are taken over within the lease (the harness's lease is 2 s) and its requests settled from the order
 * book before anything new is sent; a joining agent never takes a user in the middle of a request.
 */
class OwnershipTest {
    private static final String NIFTY_LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";
    private static final Duration LEASE = Duration.ofSeconds(2);

    @TempDir
    Path home;

    private AgentHarness h;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private List<String> users(int count) {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            h.addUser("u" + i);
            uids.add("u" + i);
        }
        return uids;
    }

    /** Every user owned by exactly one of the agents, as each agent believes and as Redis says. */
    private static boolean splitExactly(List<String> uids, List<AgentRuntime> agents, int each, AgentHarness h) {
        Set<String> seen = new HashSet<>();
        for (AgentRuntime agent : agents) {
            List<String> owned = agent.ownedUsers();
            if (owned.size() != each) {
                return false;
            }
            for (String uid : owned) {
                if (!seen.add(uid) || !agent.instanceId().equals(h.redis.get("NEO_OWNER:" + uid))) {
                    return false;
                }
            }
        }
        return seen.equals(new HashSet<>(uids));
    }

    private void placeAndAwait(String uid) {
        h.request(uid, "PLACE_SINGLE", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE");
        assertThat(h.awaitAnswer(uid, "STATUS_SINGLE")).isEqualTo("SUCCESS");
    }

    private int ordersOf(String uid) {
        return h.kotak.orders("U" + uid).size();
    }

    @Test
    void twoAgentsSplitTheUsersAndEachRequestIsServedOnce() {
        List<String> uids = users(6);
        AgentRuntime first = h.startAgent();
        assertThat(first.ownedUsers()).as("a lone agent owns everyone at once").hasSize(6);
        AgentRuntime second = h.startAgent();

        AgentHarness.await().until(() -> splitExactly(uids, List.of(first, second), 3, h));
        for (String uid : uids) {
            placeAndAwait(uid);
        }
        for (String uid : uids) {
            assertThat(ordersOf(uid)).as(uid).isEqualTo(1);
        }
        assertThat(h.kotak.requestsTo("/quick/order/rule/ms/place")).hasSize(6);
        // only the owner logs in: one session per account from this system
        for (String uid : uids) {
            assertThat(h.kotak.loginCount("U" + uid)).as(uid).isEqualTo(1);
        }
    }

    @Test
    void threeAgentsSplitTheUsers() {
        List<String> uids = users(6);
        List<AgentRuntime> agents = List.of(h.startAgent(), h.startAgent(), h.startAgent());

        AgentHarness.await().until(() -> splitExactly(uids, agents, 2, h));
        // the harness's agents share one registry: the gauges are the last agent's
        AgentHarness.await().until(() -> h.metrics.scrape().contains("neo_agents_live 3.0"));
        assertThat(h.metrics.scrape()).contains("neo_users_owned 2.0");
        for (String uid : uids) {
            placeAndAwait(uid);
        }
        assertThat(h.kotak.requestsTo("/quick/order/rule/ms/place")).hasSize(6);
    }

    @Test
    void aKilledAgentsUsersMoveWithinTheLease() {
        List<String> uids = users(4);
        AgentRuntime survivor = h.startAgent();
        AgentRuntime doomed = h.startAgent();
        AgentHarness.await().until(() -> splitExactly(uids, List.of(survivor, doomed), 2, h));
        List<String> orphans = doomed.ownedUsers();

        long killedAt = System.nanoTime();
        doomed.crash();
        AgentHarness.await().until(() -> survivor.ownedUsers().size() == 4);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);

        // the lease, then at most one ownership round (a third of the lease) and the awaiting's polling
        assertThat(takeover).isLessThan(LEASE.plus(LEASE.dividedBy(3)).plusMillis(500));
        for (String uid : orphans) {
            assertThat(h.redis.get("NEO_OWNER:" + uid)).isEqualTo(survivor.instanceId());
            placeAndAwait(uid);
            assertThat(ordersOf(uid)).isEqualTo(1);
        }
    }

    @Test
    void aRequestTheKilledAgentWasSendingIsSettledFromTheOrderBookNotSentAgain() {
        List<String> uids = users(2);
        AgentRuntime survivor = h.startAgent();
        AgentRuntime doomed = h.startAgent();
        AgentHarness.await().until(() -> splitExactly(uids, List.of(survivor, doomed), 1, h));
        String uid = doomed.ownedUsers().getFirst();

        // the broker takes the order, and answers 3 s later: the agent dies in between
        h.kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofSeconds(3)));
        h.request(uid, "PLACE_SINGLE", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE");
        AgentHarness.await().until(() -> ordersOf(uid) == 1);
        doomed.crash();
        h.hset(uid, "BALANCE", "requested");

        assertThat(h.awaitAnswer(uid, "STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(h.hget(uid, "MSG_SINGLE"))
                .contains(h.kotak.orders("U" + uid).getFirst().orderNo());
        h.awaitField(uid, "BALANCE", "fetched");
        assertThat(h.kotak.requestsTo("/quick/order/rule/ms/place")).hasSize(1);
        assertThat(h.redis.hlen("NEO_INFLIGHT:" + uid)).isZero();
    }

    @Test
    void aJoiningAgentDoesNotTakeAUserInTheMiddleOfARequest() {
        List<String> uids = users(2);
        AgentRuntime first = h.startAgent();
        String busy = uids.getFirst();
        h.kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofSeconds(3)));
        h.request(busy, "PLACE_SINGLE", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE");
        AgentHarness.await().until(() -> ordersOf(busy) == 1);

        AgentRuntime second = h.startAgent();
        // the idle user moves to the newcomer; the busy one stays with its owner until its answer is written
        AgentHarness.await().until(() -> second.ownedUsers().equals(List.of(uids.get(1))));
        assertThat(h.hget(busy, "STATUS_SINGLE")).isEqualTo("PROCESSING");
        assertThat(h.redis.get("NEO_OWNER:" + busy)).isEqualTo(first.instanceId());

        assertThat(h.awaitAnswer(busy, "STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(h.kotak.requestsTo("/quick/order/rule/ms/place")).hasSize(1);
        placeAndAwait(uids.get(1));
        assertThat(ordersOf(uids.get(1))).isEqualTo(1);
    }

    @Test
    void aStoppedAgentHandsItsUsersBackAtOnce() {
        List<String> uids = users(4);
        AgentRuntime staying = h.startAgent();
        AgentRuntime leaving = h.startAgent();
        AgentHarness.await().until(() -> splitExactly(uids, List.of(staying, leaving), 2, h));

        long stoppedAt = System.nanoTime();
        leaving.close();
        AgentHarness.await().until(() -> staying.ownedUsers().size() == 4);

        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
                .as("handed back, not left to the lease")
                .isLessThan(LEASE);
        Stream.of("u0", "u1", "u2", "u3").forEach(this::placeAndAwait);
    }

    @Test
    void anAgentNeverClaimsForAUserItDoesNotOwn() {
        users(1);
        AgentRuntime owner = h.startAgent();
        // the lease first: an owner whose lease is missing is one the agent takes the user back from, at its next round
        h.redis.set("NEO_AGENT:someone-else", "1");
        h.redis.set("NEO_OWNER:u0", "someone-else");
        AgentHarness.await().until(() -> owner.ownedUsers().isEmpty());

        h.request("u0", "PLACE_SINGLE", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE");
        AgentHarness.await()
                .during(Duration.ofMillis(1000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> "requested".equals(h.hget("u0", "PLACE_SINGLE")));
        assertThat(h.kotak.requestsTo("/quick/order/rule/ms/place")).isEmpty();

        h.redis.del("NEO_AGENT:someone-else"); // that agent died: ours takes the user and serves the request
        assertThat(h.awaitAnswer("u0", "STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(owner.ownedUsers()).containsExactly("u0");
    }

    /**
     * Handing a user over closes its feeds and drops its session, which can wait (a feed thread in the middle of a
     * login): the agent's lease goes on being renewed meanwhile, and its other users' orders go out.
     */
    @Test
    void aSlowHandOverDoesNotHoldUpTheLeaseOrTheOtherUsersOrders() throws Exception {
        users(2);
        java.util.concurrent.CountDownLatch handingOver = new java.util.concurrent.CountDownLatch(1);
        AgentRuntime agent = h.startAgent(broker -> slowToForget(broker, handingOver));
        AgentHarness.await().until(() -> agent.ownedUsers().size() == 2);

        h.redis.set("NEO_AGENT:other", "1"); // another live agent takes u0
        h.redis.set("NEO_OWNER:u0", "other");
        assertThat(handingOver.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // forgetting u0's session now takes 3 leases; the lease (2 s) must outlive it
        AgentHarness.await()
                .during(LEASE.multipliedBy(2))
                .atMost(LEASE.multipliedBy(3))
                .until(() -> h.redis.exists("NEO_AGENT:" + agent.instanceId()) == 1);
        placeAndAwait("u1");
        assertThat(ordersOf("u1")).isEqualTo(1);
    }

    /** The broker with a {@code forgetSession} that takes three leases, as one waiting for a login would. */
    private static dev.neoagent.broker.BrokerAdapter slowToForget(
            dev.neoagent.broker.BrokerAdapter real, java.util.concurrent.CountDownLatch entered) {
        return (dev.neoagent.broker.BrokerAdapter) java.lang.reflect.Proxy.newProxyInstance(
                OwnershipTest.class.getClassLoader(),
                new Class<?>[] {dev.neoagent.broker.BrokerAdapter.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("forgetSession")) {
                        entered.countDown();
                        Thread.sleep(LEASE.multipliedBy(3).toMillis());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anAgentKilledOnThisHostIsTakenOverAtOnceNotAfterItsLease() throws Exception {
        users(1);
        h.settings(h.settings().withLeaseTtl(Duration.ofMinutes(5)));
        // what a kill -9 leaves: the lease and ownership of a process of this host that no longer runs
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String here = java.net.InetAddress.getLocalHost().getHostName() + "#"
                + java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
        h.redis.set("NEO_AGENT:killed", gone.pid() + "@" + here);
        h.redis.zadd("NEO_AGENTS", Double.MAX_VALUE, "killed");
        h.redis.set("NEO_OWNER:u0", "killed");
        // and one that still runs (this very process) keeps its user for its whole lease
        h.addUser("u1");
        h.redis.set("NEO_AGENT:running", ProcessHandle.current().pid() + "@" + here);
        h.redis.zadd("NEO_AGENTS", Double.MAX_VALUE, "running");
        h.redis.set("NEO_OWNER:u1", "running");

        AgentRuntime restarted = h.startAgent();

        assertThat(restarted.ownedUsers()).containsExactly("u0");
        assertThat(h.redis.exists("NEO_AGENT:killed")).isZero();
        assertThat(h.redis.get("NEO_OWNER:u1")).isEqualTo("running");
        placeAndAwait("u0");
    }
}
