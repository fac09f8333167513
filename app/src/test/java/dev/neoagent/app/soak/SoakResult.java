package dev.neoagent.app.soak;

import dev.neoagent.app.soak.AgentJvm.Sample;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything one soak gathered, for {@link SoakReport}. */
final class SoakResult {
    SoakSettings settings;
    final List<RequestRecord> records = new ArrayList<>();
    /** Per user: every order the fake broker holds. */
    final Map<String, List<FakeOrder>> orders = new LinkedHashMap<>();
    /** Every place call the broker received, faulted ones included. */
    List<RecordedCall> placeCalls = List.of();

    AuditTrail audit;
    Map<BrokerFaults.Kind, Integer> faults = Map.of();
    int faultsSkipped;
    int logins;
    int kills;
    int victimRestarts;
    int visitorJoins;
    int visitorLeaves;
    int redisRestarts;
    /** {@code notify-keyspace-events} as the agents left it 3 s after each Redis restart. */
    final List<String> notificationsAfterRestart = new ArrayList<>();

    final Map<String, Integer> exitCodes = new TreeMap<>();
    /** Agent starts that failed (the process exited before serving), with what it printed last. */
    final List<String> startFailures = new ArrayList<>();

    /** Every agent process started, in order. */
    final List<AgentJvm> agents = new java.util.concurrent.CopyOnWriteArrayList<>();

    Sample start;
    Sample end;
    /** {@code jcmd GC.class_histogram} of agent a at the start and end samples. */
    String startHistogram = "";

    String endHistogram = "";
    final List<Sample> samples = new ArrayList<>();
    Duration wall;
}
