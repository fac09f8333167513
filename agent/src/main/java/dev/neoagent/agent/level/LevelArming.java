package dev.neoagent.agent.level;

import dev.neoagent.agent.command.CommandParser;
import dev.neoagent.agent.command.InvalidRequestException;
import dev.neoagent.agent.order.InstrumentMaster;
import dev.neoagent.agent.order.OrderPlanner;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.LevelSide;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one user's level orders (redis-contract.md §2.3) as the UI arms and cancels them, and tells the level
 * engine what is armed. A new arming is checked at once (level, index, legs against the master and the user's
 * limits) so a mistake is reported when it is armed, not when the market crosses; a cancel that came after a firing
 * gets the real outcome back. Runs on the user's worker, between requests.
 */
public final class LevelArming {
    private static final Logger log = LoggerFactory.getLogger(LevelArming.class);

    private final String uid;
    private final RiskLimits risk;
    private final RequestStore store;
    private final LevelEngine levels;
    private final CommandParser parser = new CommandParser();
    private final InstrumentMaster instruments;
    private final Clock clock;
    /** The arming last checked per side, so an unchanged arming is not checked again on every sweep. */
    private final EnumMap<LevelSide, ArmedLevel> checked = new EnumMap<>(LevelSide.class);

    public LevelArming(
            String uid,
            RiskLimits risk,
            RequestStore store,
            LevelEngine levels,
            InstrumentMaster instruments,
            Clock clock) {
        this.uid = uid;
        this.risk = risk;
        this.store = store;
        this.levels = levels;
        this.instruments = instruments;
        this.clock = clock;
    }

    /** Stops watching the user's levels: another agent owns the user now and watches them. */
    public void forget() {
        for (LevelSide side : LevelSide.values()) {
            levels.update(uid, side, Optional.empty());
        }
        checked.clear();
    }

    /**
     * Reads both level orders and updates the engine.
     *
     * @return the sides whose {@code PLACE_LEVEL_<side>=requested} asks to fire them now
     */
    public List<LevelSide> refresh() {
        Map<String, String> fields = store.readLevelFields(uid);
        List<LevelSide> fireNow = new ArrayList<>();
        for (LevelSide side : LevelSide.values()) {
            if (Flags.REQUESTED.equals(fields.get(side.placeFlag()))) {
                levels.update(uid, side, Optional.empty());
                fireNow.add(side);
                continue;
            }
            String trigger = fields.get(side.triggerField());
            if (LevelSide.WAITING.equals(trigger)
                    && !LevelSide.STATUS_CANCELLED.equals(fields.get(side.statusField()))) {
                levels.update(uid, side, armed(side, fields));
            } else {
                levels.update(uid, side, Optional.empty());
                checked.remove(side);
                if (LevelSide.CANCELLED.equals(trigger)) {
                    store.answerLateCancel(uid, side);
                }
            }
        }
        return fireNow;
    }

    /** The armed level, once every field is there and it has passed its checks. */
    private Optional<ArmedLevel> armed(LevelSide side, Map<String, String> fields) {
        String levelText = fields.get(side.levelField());
        String indexText = fields.get(side.indexField());
        String legs = fields.get(side.legsField());
        if (levelText == null || indexText == null || legs == null) {
            return Optional.empty(); // the UI arms with several HSETs: wait for the last one
        }
        ArmedLevel previous = checked.get(side);
        if (previous != null
                && previous.levelText().equals(levelText)
                && previous.indexText().equals(indexText)
                && previous.legs().equals(legs)) {
            return Optional.of(previous);
        }
        Optional<String> problem = Optional.empty();
        BigDecimal level = null;
        try {
            level = new BigDecimal(levelText.strip());
            if (level.signum() <= 0) {
                problem = Optional.of(side.levelField() + " must be greater than 0, got " + levelText);
            }
        } catch (NumberFormatException e) {
            problem = Optional.of(side.levelField() + " must be a number, got '" + levelText + "'");
        }
        Optional<SpotIndex> index = SpotIndex.forUnderlying(indexText);
        if (problem.isEmpty() && index.isEmpty()) {
            problem = Optional.of(side.indexField() + " must be NIFTY or BANKNIFTY, got '" + indexText + "'");
        }
        if (problem.isEmpty()) {
            problem = checkLegs(side, legs);
        }
        if (problem.isPresent()) {
            log.info("[{}] level {} refused at arming: {}", uid, side, problem.get());
            store.failArming(uid, side, levelText, indexText, legs, problem.get());
            return Optional.empty();
        }
        ArmedLevel armed = new ArmedLevel(uid, side, index.get(), level, levelText, indexText, legs);
        checked.put(side, armed);
        store.forgetLevelOutcome(uid, side);
        return Optional.of(armed);
    }

    /** The legs checked as if they were being placed now (instrument master, lots, limits); nothing is sent. */
    private Optional<String> checkLegs(LevelSide side, String legs) {
        try {
            new OrderPlanner(instruments.at(Optional.empty()), clock).planOptions(parser.levelLegs(side, legs), risk);
            return Optional.empty();
        } catch (InvalidRequestException e) {
            return Optional.of(e.getMessage());
        }
    }
}
