package dev.adagio.contract

/** The contract suite over a `Dag` run by the engine. */
class DagContractSpec : ContractSuite(DagKind)

/** The contract suite over live graphs. */
class LiveContractSpec : ContractSuite(LiveKind)

/** The contract suite over stream graphs. */
class StreamContractSpec : ContractSuite(StreamKind)

/** The contract suite over reactive graphs. */
class ReactiveContractSpec : ContractSuite(ReactiveKind)

/** The contract suite over graphs of annotated methods. */
class AnnotatedContractSpec : ContractSuite(AnnotatedKind)
