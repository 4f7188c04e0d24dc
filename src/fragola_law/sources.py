"""Rule IDs (as in the domain spec) and the legal sources each rule cites."""

from __future__ import annotations

L1_3 = "L1.3"
L2_1 = "L2.1"
L2_2 = "L2.2"
L2_4 = "L2.4"
L4_2 = "L4.2"
L4_4 = "L4.4"
L8 = "L8"
G1 = "G1"
G2 = "G2"
G3 = "G3"
G4 = "G4"
HUMAN_SCALE = "HS1"

SOURCES: dict[str, str] = {
    L1_3: "L. 381/1991 art. 1(3)",
    L2_1: "L. 381/1991 art. 2(1)-(2)",
    L2_2: "L. 381/1991 art. 2(3)",
    L2_4: "L. 381/1991 art. 2(5)",
    L4_2: "L. 381/1991 art. 4(2); L4.3: Interpelli 4/2008, 42/2009, 17/2015, INPS circ. 296/1992",
    L4_4: "L. 381/1991 art. 4(2); INPS circ. 296/1992",
    L8: "L. 381/1991 art. 8; D.Lgs CPS 1577/1947 art. 27",
    G1: "c.c. art. 2522",
    G2: "c.c. art. 2538",
    G3: "L. 59/1992 art. 4; c.c. art. 2526",
    G4: "c.c. art. 2542",
    HUMAN_SCALE: "Conaty 2014, human scale guidance",
}
