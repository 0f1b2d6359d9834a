"""M4's example data (laws/data/m04, README.md there): 18 teams, a dentist earmark and teams with no dentist."""

from datetime import date as D

# The fields of make_data.Spec.
SPEC = dict(
    name="m04",
    seed=4,
    teams=[
        ("ESF-01", "med enf tec acs*6 dent tsb rec", ("mediano", "acima_da_média", "bom")),
        ("ESF-02", "med enf tec acs*5 dent asb", ("acima_da_média", "muito_acima_da_média", "ótimo")),
        ("ESF-03", "med enf tec acs*7 dent tsb apo", ("muito_acima_da_média", "acima_da_média", "muito_bom")),
        ("ESF-04", "med enf tec acs*8 dent tsb adm apo",
         ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-05", "med enf tec acs*6 ace", ("mediano", "mediano", "regular")),
        ("ESF-06", "med enf aux acs*5 dent asb", ("insatisfatório", "mediano", "bom")),
        ("ESF-07", "med enf tec acs*6 dent tsb psi", ("mediano", "insatisfatório", "regular")),
        ("ESF-08", "med enf tec acs*4 dent tsb", ("acima_da_média", "acima_da_média", "bom")),
        ("ESF-09", "med enf tec acs*6 dent tsb", ("acima_da_média", "desclassificada", "bom")),
        ("ESF-10", "med enf tec acs*7 dent tsb", ("mediano", "mediano", "ruim")),
        ("ESF-11", "med enf tec acs*5", ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-12", "med enf tec acs*6 dent tsb fis", ("muito_acima_da_média", "acima_da_média", "ótimo")),
        ("ESF-13", "med enf tec acs*5 dent tsb", ("insatisfatório", "mediano", "regular")),
        ("ESF-14", "med enf tec acs*6 dent tsb", ("mediano", "acima_da_média", "desclassificada")),
        ("ESF-15", "med enf tec acs*7 dent asb adm", ("acima_da_média", "acima_da_média", "bom")),
        ("ESF-16", "med enf tec acs*4 ace", ("mediano", "mediano", "bom")),
        ("ESF-17", "med enf tec acs*6 dent tsb", ("muito_acima_da_média", "muito_acima_da_média", "ótimo")),
        ("ESF-18", "med enf tec acs*5 dent tsb apo", ("mediano", "acima_da_média", "regular")),
    ],
    changes={
        # left before the 31/12/2012 payment; the successor: hired after the evaluation
        ("ESF-10", "med1"): [(D(2012, 11, 30), D(2013, 3, 4))],
        ("ESF-08", "dent1"): [(D(2013, 2, 15), D(2014, 10, 1))],  # the dentist's post stays vacant for 19 months
        ("ESF-05", "med1"): [(D(2013, 6, 28), D(2013, 8, 1))],    # ordinary physician turnover, between cycles
        ("ESF-03", "dent1"): [(D(2014, 7, 31), D(2014, 8, 18))],  # two dentists in one semester
        ("ESF-01", "acs3"): [(D(2014, 8, 29), D(2014, 10, 1))],   # successor hired after the cycle-2 evaluation
        ("ESF-12", "enf1"): [(D(2015, 2, 27), D(2015, 3, 16))],   # left before the 30/06/2015 payment
        ("ESF-18", "tec1"): [(D(2015, 3, 31), D(2015, 4, 1))],    # retires; the ESF-13 technician takes her place
        ("ESF-13", "tec1"): [(D(2015, 3, 31), D(2015, 5, 4))],    # moves to ESF-18 (the mover)
        # left during cycle-3 payments; the successor: hired after the evaluation
        ("ESF-17", "med1"): [(D(2017, 5, 31), D(2017, 7, 3))],
        ("ESF-15", "tec1"): [(D(2017, 10, 13), D(2017, 11, 6))],  # ordinary turnover
    },
    movers=[(("ESF-13", "tec1", 0), ("ESF-18", "tec1", 1))],
    slot_attrs={
        ("ESF-02", "med1"): {"woman": True},             # seconded to the state in 2015
        ("ESF-15", "enf1"): {"woman": True},             # goes on maternity leave
        ("ESF-17", "dent1"): {"hours": 20},
        ("ESF-01", "rec1"): {"hours": 30},
        ("ESF-07", "psi1"): {"hours": 30, "start": D(2013, 8, 1)},   # NASF, attached to ESF-07
        ("ESF-12", "fis1"): {"hours": 20, "start": D(2012, 3, 5)},   # NASF, attached to ESF-12
        ("ESF-04", "acs7"): {"signed": "não"},
        ("ESF-09", "med1"): {"signed": "não"},
    },
    outside=[
        ("coo", True, "comissionado", D(2013, 1, 2)),    # primary-care coordinator of the new administration
        ("coo", False, "efetivo", D(2009, 5, 4)),        # oral-health coordinator, a career dentist
    ],
    absences=[
        ("ESF-15", "enf1", 0, D(2014, 9, 1), D(2015, 2, 27), "licença_maternidade"),
        ("ESF-02", "med1", 0, D(2015, 2, 2), D(2015, 9, 30), "cessão"),
        ("ESF-10", "acs4", 0, D(2014, 10, 6), D(2015, 3, 31), "inss"),
        ("ESF-17", "tsb1", 0, D(2017, 3, 1), D(2017, 8, 31), "sem_vencimentos"),
        ("ESF-04", "tec1", 0, D(2014, 11, 3), D(2014, 11, 4), "falta_injustificada"),
        ("ESF-04", "tec1", 0, D(2014, 12, 1), D(2014, 12, 1), "falta_injustificada"),
        ("ESF-04", "tec1", 0, D(2015, 2, 9), D(2015, 2, 9), "falta_injustificada"),
    ],
    vacationers=18,
    first_id=20110,
)
