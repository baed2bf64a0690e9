package org.nacosgi.naming.internal;

import java.util.ArrayList;
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
        List<Instance> candidates = new ArrayList<>(instances.size());
        double[] cumulative = new double[instances.size()];
        double total = 0;
        for (Instance i : instances) {
            if (i.healthy() && i.enabled() && i.weight() > 0 && Double.isFinite(i.weight())) {
                total += i.weight();
                cumulative[candidates.size()] = total;
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        double r = random.nextDouble() * total;
        int lo = 0;
        int hi = candidates.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Optional.of(candidates.get(lo));
    }
}
