/**
 * Diagrams of Adagio graphs and runs: Graphviz DOT and Mermaid, rendered to SVG or PNG with the
 * real {@code dot} binary. Start at {@link dev.adagio.graphviz.Diagram}.
 */
package dev.adagio.graphviz;
