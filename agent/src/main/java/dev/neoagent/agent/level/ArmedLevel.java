package dev.neoagent.agent.level;

import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.contract.LevelSide;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One armed level as the UI wrote it. The raw texts are kept because the firing script checks that
 * the level it fires is still exactly the one the crossing was measured against.
 */
public record ArmedLevel(
        String uid,
        LevelSide side,
        SpotIndex index,
        BigDecimal level,
        String levelText,
        String indexText,
        String legs) {
    public ArmedLevel {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(level, "level");
    }

    /** Same arming: nothing the user wrote has changed. */
    public boolean sameArming(ArmedLevel other) {
        return other != null
                && levelText.equals(other.levelText)
                && indexText.equals(other.indexText)
                && legs.equals(other.legs);
    }
}
