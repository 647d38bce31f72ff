package io.backupscheduler.observability;

import java.util.List;

/** A meter's labels, in the order they were given: name, value, name, value, ... */
record Tags(List<String> keyValues) {
    Tags {
        if (keyValues.size() % 2 != 0) {
            throw new IllegalArgumentException("tags come in name/value pairs: " + keyValues);
        }
        keyValues = List.copyOf(keyValues);
    }

    static Tags of(String... keyValues) {
        return new Tags(List.of(keyValues));
    }

    int size() {
        return keyValues.size() / 2;
    }

    String key(int i) {
        return keyValues.get(2 * i);
    }

    String value(int i) {
        return keyValues.get(2 * i + 1);
    }
}
