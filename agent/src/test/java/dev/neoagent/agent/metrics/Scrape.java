package dev.neoagent.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed Prometheus text exposition: each sample line as name, labels and value. */
record Scrape(List<Sample> samples, String text) {

    record Sample(String name, Map<String, String> labels, double value) {}

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            int brace = series.indexOf('{');
            if (brace < 0) {
                samples.add(new Sample(series, Map.of(), value));
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            String body = series.substring(brace + 1, series.length() - 1);
            // label values in these tests never contain quotes, commas or backslashes
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
            }
            samples.add(new Sample(series.substring(0, brace), labels, value));
        }
        return new Scrape(List.copyOf(samples), text);
    }

    /** The value of the one sample with exactly this name and these labels. */
    Optional<Double> value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one sample " + name + labels);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    double valueOf(String name, Map<String, String> labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + labels + " in\n" + text));
    }

    double valueOf(String name) {
        return valueOf(name, Map.of());
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
