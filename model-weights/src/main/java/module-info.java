/** The default blur model of blurfilter, as a classpath resource, and the one call that loads it. */
module io.blurfilter.model {
    requires transitive io.blurfilter.engine;
    exports io.blurfilter.model;
    opens io.blurfilter.model;
}
