package org.nacosgi.naming.internal;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nacosgi.api.naming.Instance;

/** Picks one healthy, enabled instance with weight &gt; 0, with probability proportional to its weight. */
final class WeightedChooser {
    private final Random random;

    WeightedChooser(Random random) {
        this.random = random;
    }

    Optional<Instance> choose(List<Instance> instances) {
        double total = 0;
        for (Instance i : instances) {
            total += weight(i);
        }
        if (total == 0) {
            return Optional.empty();
        }
        double r = random.nextDouble() * total;
        Instance last = null;
        for (Instance i : instances) {
            double w = weight(i);
            if (w > 0) {
                last = i;
                r -= w;
                if (r < 0) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.of(last); // r ran past the end by rounding
    }

    /** The weight of a candidate, 0 for one that must not be chosen. */
    private static double weight(Instance i) {
        return i.healthy() && i.enabled() && i.weight() > 0 && Double.isFinite(i.weight()) ? i.weight() : 0;
    }
}
