"""The registry's part of the demo: names for believable people (common Italian names, Bergamo
surnames, newer Italians) and fiscal codes that match them. The demo app (``fragola.demo``) and
the other apps' ``demo.py`` build their people with these."""

from __future__ import annotations

import datetime as dt

from codicefiscale import codicefiscale

MONTH_LETTERS = "ABCDEHLMPRST"


def _names(text: str) -> tuple[str, ...]:
    """A comma-separated list, written as prose so that it stays compact."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


FEMALE_FIRST_NAMES = _names(
    """
    Giulia, Francesca, Chiara, Sara, Martina, Valentina, Alessandra, Elena, Silvia, Federica,
    Paola, Laura, Roberta, Elisa, Anna, Maria, Giovanna, Cristina, Monica, Barbara, Simona,
    Daniela, Manuela, Claudia, Serena, Ilaria, Beatrice, Alice, Giorgia, Aurora, Sofia, Irene,
    Marta, Noemi, Rosa, Angela, Lucia, Teresa, Carla, Franca, Luisa, Gabriella, Patrizia,
    Antonella, Rita, Emma, Camilla, Veronica, Michela, Stefania
    """
)

MALE_FIRST_NAMES = _names(
    """
    Marco, Luca, Andrea, Matteo, Alessandro, Francesco, Davide, Stefano, Giovanni, Paolo,
    Roberto, Giuseppe, Antonio, Mario, Fabio, Simone, Federico, Riccardo, Lorenzo, Gabriele,
    Nicola, Daniele, Massimo, Alberto, Claudio, Sergio, Franco, Bruno, Angelo, Pietro, Enrico,
    Michele, Emanuele, Filippo, Tommaso, Leonardo, Diego, Cristian, Walter, Mauro, Gianluca,
    Giorgio, Luigi, Carlo, Renato, Ettore, Samuele, Mattia, Alessio, Omar
    """
)

# The first lines are surnames common around Bergamo, the rest common across Italy.
LAST_NAMES = _names(
    """
    Locatelli, Rota, Pesenti, Carminati, Mazzoleni, Gritti, Bonetti, Ghilardi, Cortinovis,
    Bonacina, Zanchi, Belotti, Bertoni, Capelli, Cattaneo, Invernizzi, Lorenzi, Milesi, Moioli,
    Previtali, Ravasio, Regazzoni, Salvi, Signori, Testa, Valoti, Vitali, Zambelli, Zonca,
    Arnoldi, Brembilla, Bergamelli, Carrara, Donadoni, Gamba, Manzoni, Nava, Pezzotta, Quarti,
    Rottoli, Scotti, Tiraboschi, Vavassori, Fumagalli, Maffeis, Agazzi, Beretta, Personeni,
    Bonomi, Ferrari, Colombo, Villa, Sala, Riva, Rossi, Russo, Esposito, Bianchi, Romano,
    Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo,
    Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli,
    Martini, Leone, Longo, Gentile, Martinelli, Vitale, Lombardo, Serra, Coppola, De Santis,
    D'Angelo, Marchetti, Parisi, Conte, Ferri, Fabbri, Marini, Grasso, Valentini, Gatti,
    Pellegrini, Palumbo, Farina, Monti, Morelli, Amato, Silvestri, Barone, Caputo, Guerra,
    Bernardi
    """
)

# Italians born abroad: (cadastral code of the country, female names, male names, surnames).
BORN_ABROAD = (
    (
        "Z330",
        ("Fatima", "Khadija", "Salma"),
        ("Mohamed", "Youssef", "Hamza"),
        ("El Amrani", "Benali", "Bouzid"),
    ),
    (
        "Z129",
        ("Ioana", "Elena", "Andreea"),
        ("Andrei", "Ionut", "Mihai"),
        ("Popescu", "Ionescu", "Dumitru"),
    ),
    (
        "Z100",
        ("Elira", "Anila", "Jonida"),
        ("Arben", "Ervin", "Klodian"),
        ("Hoxha", "Shehu", "Dervishi"),
    ),
    (
        "Z343",
        ("Aminata", "Fatou", "Awa"),
        ("Mamadou", "Ibrahima", "Moussa"),
        ("Diop", "Ndiaye", "Fall"),
    ),
    (
        "Z600",
        ("Lucia", "Valeria", "Carolina"),
        ("Martin", "Santiago", "Diego"),
        ("Gonzalez", "Fernandez", "Lopez"),
    ),
)
# Italian cities outside the province where many Bergamo residents were born.
OTHER_BIRTHPLACES = (
    "F205",  # Milano
    "B157",  # Brescia
    "E507",  # Lecco
    "D150",  # Cremona
    "F839",  # Napoli
    "G273",  # Palermo
    "H501",  # Roma
    "A662",  # Bari
    "D643",  # Foggia
    "C351",  # Catania
    "H224",  # Reggio Calabria
)
STREETS = (
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Via Papa Giovanni XXIII",
    "Via Dante Alighieri",
    "Via Marconi",
    "Via Verdi",
    "Via San Francesco d'Assisi",
    "Piazza della Libertà",
    "Via Manzoni",
    "Via Kennedy",
    "Via IV Novembre",
    "Via Matteotti",
    "Via Cavour",
    "Via Don Minzoni",
    "Via Bergamo",
    "Via Locatelli",
    "Via Torquato Tasso",
    "Via Pascoli",
    "Via Leopardi",
    "Via Europa",
    "Via Milano",
    "Via della Chiesa",
    "Via Colleoni",
)
FOUNDATIONS = (
    "Fondazione Comunitaria delle Valli Orobiche",
    "Fondazione Opera Santa Maria",
    "Fondazione Casa di Riposo San Giuseppe",
)
ASSOCIATIONS = (
    "Associazione Genitori Insieme ODV",
    "Associazione Amici dell'Anziano APS",
    "Parrocchia di San Giovanni Battista",
    "Circolo ACLI Sant'Alessandro APS",
)
COMPANIES = (
    "Meccanica Orobica S.r.l.",
    "Tessitura Serio S.p.A.",
    "Banca di Credito Cooperativo Orobica",
)


def fiscal_code(*, last_name: str, first_name: str, sex: str, birth: dt.date, place: str) -> str:
    # The library's encode() looks the birthplace up at every call; its parts are 50x faster.
    code = (
        codicefiscale.encode_lastname(last_name)
        + codicefiscale.encode_firstname(first_name)
        + f"{birth.year % 100:02d}{MONTH_LETTERS[birth.month - 1]}"
        + f"{birth.day + (40 if sex == 'F' else 0):02d}"
        + place
    )
    return code + codicefiscale.encode_cin(code)
