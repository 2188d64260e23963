package io.blurfilter.engine.graph;

import java.util.List;

/**
 * One operation of the graph: reads the named values {@code inputs} (activations or weights), writes
 * the single value {@code output}.
 */
public final class Node {
    private final OpType op;
    private final String name;
    private final List<String> inputs;
    private final String output;
    private final Attributes attributes;

    public Node(OpType op, String name, List<String> inputs, String output, Attributes attributes) {
        this.op = op;
        this.name = name;
        this.inputs = ListCopies.of(inputs, "inputs of node " + name);
        this.output = output;
        this.attributes = attributes;
    }

    public OpType op() {
        return op;
    }

    public String name() {
        return name;
    }

    public List<String> inputs() {
        return inputs;
    }

    public String input(int i) {
        return inputs.get(i);
    }

    public String output() {
        return output;
    }

    public Attributes attributes() {
        return attributes;
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(op, name, newInputs, output, attributes);
    }

    public Node withAttributes(Attributes newAttributes) {
        return new Node(op, name, inputs, output, newAttributes);
    }

    public Node withOutput(String newOutput) {
        return new Node(op, name, inputs, newOutput, attributes);
    }

    @Override
    public String toString() {
        return op + " " + name + " " + inputs + " -> " + output + " " + attributes;
    }
}
