package dev.adagio.graphviz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a diagram is drawn and rendered, immutable: each {@code with} method returns a new value.
 *
 * <pre>{@code
 * DiagramOptions options = DiagramOptions.defaults()
 *     .withRankDirection(RankDirection.LR)
 *     .withClusters(node -> node.getName().startsWith("db-") ? "database" : null)
 *     .withNodeAttributes(node -> Map.of("color", "blue"));
 * }</pre>
 */
public final class DiagramOptions {
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final DiagramOptions DEFAULTS =
      new DiagramOptions(
          RankDirection.TB,
          null,
          node -> null,
          node -> Map.of(),
          false,
          Path.of("dot"),
          Duration.ofSeconds(30),
          Engine.AUTO);

  private final RankDirection rankDirection;
  private final String graphLabel;
  private final Function<? super DiagramNode, String> clusters;
  private final Function<? super DiagramNode, ? extends Map<String, String>> nodeAttributes;
  private final boolean showUnusedInput;
  private final Path dotExecutable;
  private final Duration renderTimeout;
  private final Engine engine;

  private DiagramOptions(
      RankDirection rankDirection,
      String graphLabel,
      Function<? super DiagramNode, String> clusters,
      Function<? super DiagramNode, ? extends Map<String, String>> nodeAttributes,
      boolean showUnusedInput,
      Path dotExecutable,
      Duration renderTimeout,
      Engine engine) {
    this.rankDirection = rankDirection;
    this.graphLabel = graphLabel;
    this.clusters = clusters;
    this.nodeAttributes = nodeAttributes;
    this.showUnusedInput = showUnusedInput;
    this.dotExecutable = dotExecutable;
    this.renderTimeout = renderTimeout;
    this.engine = engine;
  }

  /**
   * Top to bottom, the graph's name as label, no clusters, an input node nothing depends on left
   * out, rendered by {@code dot} from the {@code PATH} with a 30 s timeout, or by the embedded
   * Graphviz when there is none.
   */
  public static DiagramOptions defaults() {
    return DEFAULTS;
  }

  /** Edges point in {@code direction}. */
  public DiagramOptions withRankDirection(RankDirection direction) {
    return new DiagramOptions(
        Objects.requireNonNull(direction, "direction"),
        graphLabel,
        clusters,
        nodeAttributes,
        showUnusedInput,
        dotExecutable,
        renderTimeout,
        engine);
  }

  /** The diagram's title; the graph's name when not set. */
  public DiagramOptions withGraphLabel(String label) {
    return new DiagramOptions(
        rankDirection,
        Objects.requireNonNull(label, "label"),
        clusters,
        nodeAttributes,
        showUnusedInput,
        dotExecutable,
        renderTimeout,
        engine);
  }

  /**
   * Groups nodes into labelled boxes: {@code clusterOf} names a node's group, or returns null for
   * none. Nodes of one group are drawn together. Applies to every kind of graph (dags, runs, stream
   * graphs): the function is given each node as drawn.
   */
  public DiagramOptions withClusters(Function<? super DiagramNode, String> clusterOf) {
    return new DiagramOptions(
        rankDirection,
        graphLabel,
        Objects.requireNonNull(clusterOf, "clusterOf"),
        nodeAttributes,
        showUnusedInput,
        dotExecutable,
        renderTimeout,
        engine);
  }

  /**
   * Extra DOT attributes per node (colour, URL, …), added after Adagio's own so they win. Names
   * must be DOT identifiers; values are escaped like every other string.
   */
  public DiagramOptions withNodeAttributes(
      Function<? super DiagramNode, ? extends Map<String, String>> attributesOf) {
    return new DiagramOptions(
        rankDirection,
        graphLabel,
        clusters,
        Objects.requireNonNull(attributesOf, "attributesOf"),
        showUnusedInput,
        dotExecutable,
        renderTimeout,
        engine);
  }

  /** Whether to draw the input node when no node takes the input (default: left out). */
  public DiagramOptions withUnusedInputShown(boolean shown) {
    return new DiagramOptions(
        rankDirection,
        graphLabel,
        clusters,
        nodeAttributes,
        shown,
        dotExecutable,
        renderTimeout,
        engine);
  }

  /**
   * The {@code dot} binary to render with; {@code dot} on the {@code PATH} by default. Configuring
   * one chooses the native engine (unless {@link #withEngine} chose another).
   */
  public DiagramOptions withDotExecutable(Path executable) {
    return new DiagramOptions(
        rankDirection,
        graphLabel,
        clusters,
        nodeAttributes,
        showUnusedInput,
        Objects.requireNonNull(executable, "executable"),
        renderTimeout,
        engine == Engine.AUTO ? Engine.NATIVE : engine);
  }

  /** How long {@code dot} may take to render before it is stopped. */
  public DiagramOptions withRenderTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "The render timeout must be positive, but was "
              + timeout
              + "; pass a positive Duration.");
    }
    return new DiagramOptions(
        rankDirection,
        graphLabel,
        clusters,
        nodeAttributes,
        showUnusedInput,
        dotExecutable,
        timeout,
        engine);
  }

  /**
   * Which Graphviz renders: {@link Engine#AUTO} (the default) the native {@code dot} when it is on
   * the {@code PATH} or configured, the embedded one otherwise; {@link Engine#NATIVE} or {@link
   * Engine#EMBEDDED} to force either.
   */
  public DiagramOptions withEngine(Engine engine) {
    return new DiagramOptions(
        rankDirection,
        graphLabel,
        clusters,
        nodeAttributes,
        showUnusedInput,
        dotExecutable,
        renderTimeout,
        Objects.requireNonNull(engine, "engine"));
  }

  /** Which Graphviz renders. */
  public Engine engine() {
    return engine;
  }

  /** The direction ranks are laid out in. */
  public RankDirection rankDirection() {
    return rankDirection;
  }

  /** The graph's label, if one was set (the graph's name otherwise). */
  public Optional<String> graphLabel() {
    return Optional.ofNullable(graphLabel);
  }

  /** Whether an input node nothing takes is drawn. */
  public boolean unusedInputShown() {
    return showUnusedInput;
  }

  /** The {@code dot} binary rendering runs. */
  public Path dotExecutable() {
    return dotExecutable;
  }

  /** How long rendering may take before it is stopped. */
  public Duration renderTimeout() {
    return renderTimeout;
  }

  String clusterOf(DiagramNode node) {
    return clusters.apply(node);
  }

  Map<String, String> attributesOf(DiagramNode node) {
    Map<String, String> attributes = nodeAttributes.apply(node);
    if (attributes == null) {
      return Map.of();
    }
    for (String name : attributes.keySet()) {
      if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Node attribute name '"
                + name
                + "' for node '"
                + node.getName()
                + "' is not a DOT identifier; use letters, digits and underscores, starting with a letter.");
      }
    }
    return attributes;
  }
}
