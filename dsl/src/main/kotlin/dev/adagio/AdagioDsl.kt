package dev.adagio

/**
 * Marks Adagio's DSL receivers so that a nested lambda cannot reach an outer receiver by accident:
 * a node body cannot call `node { }` on the graph builder that encloses it.
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE, AnnotationTarget.TYPEALIAS)
public annotation class AdagioDsl
