package consumer

import dev.adagio.DagDefinition
import dev.adagio.dag
import dev.adagio.run
import kotlinx.coroutines.runBlocking

/** async-dag's three end nodes, read typed after one run. */
object Report : DagDefinition<Int>("report") {
    val rows by node(input) { n -> List(n) { it + 1 } }
    val total by node(rows) { it.sum() }
    val count by node(rows) { it.size }
    val label by node(total, count) { t, c -> "$c rows, total $t" }
}

/** The design card, property-delegated names and several typed outputs, as a user writes them. */
object Card {
    @JvmStatic
    fun main(args: Array<String>) =
        runBlocking {
            val card = dag { val a = node { 1 }; val b = node(a) { x -> x + 1 } }
            val cardRun = card.run()
            println("card: " + card.nodes.joinToString { it.name } + " -> " + cardRun[card.node("node2")])

            val named =
                dag {
                    val price by node { 40 }
                    val tax by node(price) { it / 4 }
                    node(price, tax) { p, t -> p + t }
                }
            println("named: " + named.nodes.joinToString { it.name } + " -> " + named.run().output)

            val run = Report.dag.run(4)
            val total: Int = run[Report.total]
            val count: Int = run[Report.count]
            val label: String = run[Report.label]
            println("report: $total $count $label")
        }
}
