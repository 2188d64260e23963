package io.blurfilter.converter.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a YAML document (PaddleClas and PaddleX {@code inference.yml}) with SnakeYAML Engine's event
 * parser into plain maps, lists and strings. Scalars stay text (the caller converts numbers where it
 * expects them, so {@code 1./255.} and {@code 0.229} keep their spelling); a plain {@code null},
 * {@code ~} or empty value is {@link #NULL}.
 *
 * <p>The tree is built from the event stream with an explicit stack, not by SnakeYAML's recursive
 * composer, so nesting is bounded by {@link #MAX_DEPTH} instead of the thread's stack; an alias
 * shares its anchor's object, so an alias bomb costs no memory; input is capped at
 * {@link #MAX_CODE_POINTS}; duplicate keys and more than one document are refused.
 */
public final class Yaml {
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 100;
    static final int MAX_CODE_POINTS = 1 << 20;
    private static final int MAX_ALIASES = 1000;
    private static final Set<String> NULL_SPELLINGS = Set.of("", "~", "null", "Null", "NULL");

    private Yaml() {}

    /** Parses one document; an empty document is an empty map. */
    public static Object parse(String text) throws YamlException {
        LoadSettings settings = LoadSettings.builder().setCodePointLimit(MAX_CODE_POINTS).setUseMarks(true).build();
        try {
            return build(new Parse(settings).parseString(text));
        } catch (YamlEngineException e) {
            throw new YamlException(oneLine(e.getMessage()));
        }
    }

    private static Object build(Iterable<Event> events) throws YamlException {
        Deque<Object> open = new ArrayDeque<>(); // maps and lists being filled
        Deque<Object> pendingKey = new ArrayDeque<>(); // per open map: the key waiting for its value
        Map<String, Object> anchors = new HashMap<>();
        Object root = null;
        int documents = 0;
        int aliases = 0;
        for (Event e : events) {
            Object value;
            switch (e.getEventId()) {
                case DocumentStart:
                    if (++documents > 1) {
                        throw error(e, "more than one document");
                    }
                    continue;
                case StreamStart:
                case StreamEnd:
                case DocumentEnd:
                case Comment:
                    continue;
                case MappingStart:
                case SequenceStart: {
                    if (open.size() >= MAX_DEPTH) {
                        throw error(e, "nested deeper than " + MAX_DEPTH + " levels");
                    }
                    Object container = e.getEventId() == Event.ID.MappingStart ? new LinkedHashMap<String, Object>()
                            : new ArrayList<Object>();
                    anchor(anchors, e, container);
                    add(open, pendingKey, container, e);
                    open.push(container);
                    pendingKey.push(NO_KEY);
                    continue;
                }
                case MappingEnd:
                case SequenceEnd: {
                    Object done = open.pop();
                    pendingKey.pop();
                    if (open.isEmpty()) {
                        root = done;
                    }
                    continue;
                }
                case Scalar: {
                    ScalarEvent s = (ScalarEvent) e;
                    value = s.getScalarStyle() == ScalarStyle.PLAIN && NULL_SPELLINGS.contains(s.getValue()) ? NULL
                            : s.getValue();
                    anchor(anchors, e, value);
                    break;
                }
                case Alias: {
                    if (++aliases > MAX_ALIASES) {
                        throw error(e, "more than " + MAX_ALIASES + " aliases");
                    }
                    String name = ((AliasEvent) e).getAlias().getValue();
                    value = anchors.get(name);
                    if (value == null) {
                        throw error(e, "alias *" + name + " has no anchor before it");
                    }
                    break;
                }
                default:
                    throw error(e, "unexpected " + e.getEventId());
            }
            if (open.isEmpty()) {
                root = value;
            } else {
                add(open, pendingKey, value, e);
            }
        }
        return root == null ? new LinkedHashMap<String, Object>() : root;
    }

    private static final Object NO_KEY = new Object();

    /** Puts a finished value where it belongs: the next list item, a map's key, or that key's value. */
    @SuppressWarnings("unchecked")
    private static void add(Deque<Object> open, Deque<Object> pendingKey, Object value, Event at)
            throws YamlException {
        Object parent = open.peek();
        if (parent == null) {
            return; // the root container: nothing holds it
        }
        if (parent instanceof List) {
            ((List<Object>) parent).add(value);
            return;
        }
        Map<String, Object> map = (Map<String, Object>) parent;
        Object key = pendingKey.pop();
        if (key == NO_KEY) {
            if (!(value instanceof String)) {
                throw error(at, "a mapping key must be plain text");
            }
            pendingKey.push(value);
            return;
        }
        if (map.containsKey(key)) {
            throw error(at, "duplicate key '" + key + "'");
        }
        map.put((String) key, value);
        pendingKey.push(NO_KEY);
    }

    private static void anchor(Map<String, Object> anchors, Event e, Object value) {
        ((NodeEvent) e).getAnchor().ifPresent(a -> anchors.put(a.getValue(), value));
    }

    private static YamlException error(Event e, String message) {
        return new YamlException(e.getStartMark().map(m -> "line " + (m.getLine() + 1) + ": ").orElse("") + message);
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable YAML" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
