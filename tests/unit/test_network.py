"""The network of people and organisations: nodes across documents, links made by claims."""

import dataclasses
import io

import networkx as nx

from broadsheet import network
from broadsheet.network import NAMED_WITH, SAID_ABOUT, build, layout, node_id, to_text

from .test_about import _facts


def test_one_node_per_name_across_documents_and_links_with_their_claims():
    a = _facts()
    b = dataclasses.replace(a, text=a.text + " ", title="Second")  # another document
    g = build([a, b])
    peskov, kim = node_id("person", "Dmitry Peskov"), node_id("person", "Kim Jong Un")
    assert g.nodes[peskov]["documents"] == 2 and g.nodes[peskov]["mentions"] == 4
    assert node_id("place", "Moscow") not in g  # places are where, not who
    said = g.edges[peskov, kim, SAID_ABOUT]
    assert said["weight"] == 2
    assert {(r.title, r.claim_id, r.source) for r in said["claims"]} == {
        ("", "c1", "Dmitry Peskov"),
        ("Second", "c1", "Dmitry Peskov"),
    }
    kremlin = node_id("organisation", "Kremlin")
    assert g.has_edge(kremlin, peskov, key=NAMED_WITH) or g.has_edge(
        peskov, kremlin, key=NAMED_WITH
    )


def test_graphml_and_gexf_read_back_with_the_same_nodes_and_links():
    g = build([_facts()])
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = read(io.BytesIO(to_text(g, fmt).encode("utf-8")))
        assert set(back.nodes) == set(g.nodes), fmt
        assert back.number_of_edges() == g.number_of_edges(), fmt
        labels = {d.get("label") for _, d in back.nodes(data=True)}
        assert "Dmitry Peskov" in labels or "Dmitry Peskov" in set(back.nodes), fmt


def test_the_layout_is_the_same_every_time():
    g = build([_facts()])
    first, second = layout(g), layout(g)
    assert first == second and set(first) == set(g.nodes)
    assert all(-1.01 <= x <= 1.01 and -1.01 <= y <= 1.01 for x, y in first.values())
    assert network.layout(nx.MultiDiGraph()) == {}


def test_a_large_network_is_drawn_by_its_strongest_nodes():
    g = nx.MultiDiGraph()
    for i in range(network.DRAWN + 200):
        g.add_node(f"person:{i}", label=str(i), kind="person", documents=1, mentions=i)
    for i in range(1, 50):
        g.add_edge("person:0", f"person:{i}", key=SAID_ABOUT, weight=3, claims=[])
    shown = network.strongest(g)
    assert shown.number_of_nodes() == network.DRAWN and "person:0" in shown
    assert set(layout(g)) == set(shown.nodes)  # laid out without SciPy
