package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.naming.Instance;

/** {@link HttpNamingService#chooseWeighted}: the choice behind selectOneHealthyInstance. */
class WeightedChoiceTest {
    private static Instance host(int port, double weight, boolean healthy, boolean enabled) {
        return Instance.builder("svc", "10.0.0.1", port).weight(weight).healthy(healthy).enabled(enabled).build();
    }

    @Test
    void choosesHealthyEnabledInstancesInProportionToWeight() {
        List<Instance> hosts = List.of(host(1, 1, true, true), host(2, 2, true, true), host(3, 7, true, true),
                host(4, 5, false, true), host(5, 5, true, false), host(6, 0, true, true));
        Random random = new Random(42);
        int n = 100_000;
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < n; k++) {
            counts.merge(HttpNamingService.chooseWeighted(hosts, random).orElseThrow().port(), 1, Integer::sum);
        }
        assertEquals(3, counts.size(), "unhealthy, disabled and zero-weight instances are never chosen: " + counts);
        double[] expected = {0.1 * n, 0.2 * n, 0.7 * n};
        double chi2 = 0;
        for (int port = 1; port <= 3; port++) {
            double d = counts.get(port) - expected[port - 1];
            chi2 += d * d / expected[port - 1];
        }
        // 2 degrees of freedom: P(chi2 > 13.82) = 0.001
        assertTrue(chi2 < 13.82, "counts " + counts + " deviate from weights 1:2:7, chi2=" + chi2);
    }

    @Test
    void aSkewedChoiceIsDetected() {
        // the statistic above can fail: a chooser ignoring weights is far off
        List<Instance> hosts = List.of(host(1, 1, true, true), host(2, 9, true, true));
        Random r = new Random(7);
        int n = 10_000;
        int first = 0;
        for (int k = 0; k < n; k++) {
            if (hosts.get(r.nextInt(2)).port() == 1) {
                first++;
            }
        }
        double e1 = 0.1 * n;
        double e2 = 0.9 * n;
        double chi2 = (first - e1) * (first - e1) / e1 + ((n - first) - e2) * ((n - first) - e2) / e2;
        assertTrue(chi2 > 13.82, "a uniform choice must fail the weight test, chi2=" + chi2);
    }

    @Test
    void nothingToChooseIsEmpty() {
        Random random = new Random(1);
        assertEquals(Optional.empty(), HttpNamingService.chooseWeighted(List.of(), random));
        assertEquals(Optional.empty(),
                HttpNamingService.chooseWeighted(List.of(host(1, 0, true, true), host(2, 3, false, true)), random));
    }
}
