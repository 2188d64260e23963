/**
 * The blurfilter inference engine: model format, graph, kernels, PaddleClas preprocessing and the
 * public API. Depends on java.base alone, so it runs on Android and restricted JVMs. The Vector API
 * kernels use jdk.incubator.vector when the JVM was started with it; they are loaded reflectively,
 * so the module is optional ({@code requires static}).
 */
module io.blurfilter.engine {
    requires static jdk.incubator.vector;

    exports io.blurfilter.engine;
    exports io.blurfilter.engine.graph;
    exports io.blurfilter.engine.format;
}
