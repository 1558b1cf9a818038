package org.poyang.platform.demo;

/**
 * Body of the demo greeting and echo calls.
 *
 * @param message the text
 * @param lang    its language tag
 */
public record Greeting(String message, String lang) {
}
