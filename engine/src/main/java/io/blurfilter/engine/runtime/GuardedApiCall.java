package io.blurfilter.engine.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that calls an API some supported platforms lack, and that runs only after a run-time
 * check found the API. The build's Android API check (animal-sniffer in engine/pom.xml) skips such
 * methods; everything else in the engine must exist on Android API level 26.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GuardedApiCall {}
