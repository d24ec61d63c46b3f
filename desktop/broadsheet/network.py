"""Who is linked with whom: people and organisations as nodes, links made by claims.

A node is one name of one kind (the name as ``norm_name`` keys it, as Also In matches
documents), so the same person in several documents is one node. A link goes from a claim's
source to each actor its content names (``said_about``, directed), and between actors a claim's
content names together (``named_with``, kept once, from the first name to the second in
alphabetical order). Each link keeps the claims that make it. Written as GraphML or GEXF, the
formats Gephi and other network tools read.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .about import edges
from .facts import Facts, norm_name

if TYPE_CHECKING:
    import networkx as nx

SAID_ABOUT, NAMED_WITH = "said_about", "named_with"
GRAPH_FORMATS = ("graphml", "gexf")


@dataclass(frozen=True)
class ClaimRef:
    """A claim that makes a link: where it is and what it says."""

    sha256: str
    title: str
    claim_id: str
    source: str
    text: str


def node_id(kind: str, name: str) -> str:
    return f"{kind}:{norm_name(name)}"


def build(documents: Iterable[Facts]) -> nx.MultiDiGraph:
    """The network of these documents' people and organisations (nodes carry ``label``,
    ``kind``, ``documents`` and ``mentions``; links ``kind``, ``weight`` and ``claims``, a list
    of ``ClaimRef``)."""
    import networkx as nx  # here: only the network needs it

    g = nx.MultiDiGraph()
    for facts in documents:
        ids = {e.id: node_id(e.kind, e.name) for e in facts.entities}
        for e in facts.entities:
            if e.kind not in ("person", "organisation"):
                continue
            n = ids[e.id]
            if n not in g:
                g.add_node(n, label=e.name, kind=e.kind, documents=0, mentions=0)
            g.nodes[n]["documents"] += 1
            g.nodes[n]["mentions"] += len(e.mentions)
        claims = {c.id: c for c in facts.claims}
        for link in edges(facts):
            a, b = ids[link.a], ids[link.b]
            kind = SAID_ABOUT if link.directed else NAMED_WITH
            if kind == NAMED_WITH and b < a:
                a, b = b, a
            if not g.has_edge(a, b, key=kind):
                g.add_edge(a, b, key=kind, kind=kind, weight=0, claims=[])
            data = g.edges[a, b, kind]
            for cid in link.claims:
                c = claims[cid]
                src = facts.entity(c.source.entity) if c.source and c.source.entity else None
                data["claims"].append(
                    ClaimRef(
                        facts.sha256,
                        facts.title,
                        cid,
                        src.name if src else (c.source.text if c.source else ""),
                        " ".join(c.content.shown.split()),
                    )
                )
                data["weight"] += 1
    return g


def _plain(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only the values the file formats hold: the claims as one text."""
    out = g.copy()
    for _a, _b, data in out.edges(data=True):
        data["claims"] = " | ".join(f"{r.source}: {r.text}" for r in data["claims"])
    return out


def to_text(g: nx.MultiDiGraph, fmt: str) -> str:
    """The network as a GraphML or GEXF document."""
    import networkx as nx

    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_plain(g), buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(_plain(g), buf, encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    return buf.getvalue().decode("utf-8")


# More nodes than a reader can follow on a screen (and than networkx lays out without SciPy).
DRAWN = 300


def strongest(g: nx.MultiDiGraph, n: int = DRAWN) -> nx.MultiDiGraph:
    """The ``n`` nodes with the most claims on their links (then the most mentioned), and the
    links between them: the part of a large network worth drawing."""
    if g.number_of_nodes() <= n:
        return g
    rank = sorted(
        g.nodes,
        key=lambda v: (-g.degree(v, weight="weight"), -g.nodes[v]["mentions"], v),
    )
    return g.subgraph(rank[:n]).copy()


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Where to draw each node of ``strongest(g)``, in [-1, 1]² (the same every time for the
    same network)."""
    import networkx as nx

    shown = strongest(g)
    if shown.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(nx.Graph(shown), seed=7, weight="weight")
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
