"""M5's example data (laws/data/m05, README.md there): 12 teams, the team-size problem."""

from datetime import date as D

# The fields of make_data.Spec.
SPEC = dict(
    name="m05",
    seed=5,
    teams=[
        ("ESF-01", "med enf tec acs*6 dent tsb rec", ("mediano", "acima_da_média", "ótimo")),
        ("ESF-02", "med enf tec acs*5 dent asb psi", ("acima_da_média", "acima_da_média", "bom")),
        ("ESF-03", "med enf tec acs*5 ace dent tsb", ("mediano", "mediano", "regular")),
        ("ESF-04", "med enf tec acs*8 dent tsb adm apo",
         ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-05", "med enf tec acs*6 dent tsb fis", ("muito_acima_da_média", "acima_da_média", "bom")),
        ("ESF-06", "med enf tec acs*5 dent asb", ("mediano", "acima_da_média", "bom")),
        ("ESF-07", "med enf tec acs*6", ("insatisfatório", "mediano", "regular")),
        ("ESF-08", "med enf aux acs*6 dent tsb adm apo",
         ("muito_acima_da_média", "acima_da_média", "regular")),
        ("ESF-09", "med enf tec acs*4 dent tsb", ("acima_da_média", "desclassificada", "bom")),
        ("ESF-10", "med enf tec acs*7 dent tsb", ("mediano", "mediano", "ruim")),
        ("ESF-11", "med enf tec acs*5", ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-12", "med enf tec acs*6 dent tsb apo", ("mediano", "acima_da_média", "ótimo")),
    ],
    changes={
        # left during cycle-1 payments; the successor: hired after the evaluation
        ("ESF-10", "enf1"): [(D(2012, 11, 15), D(2013, 2, 1))],
        ("ESF-07", "med1"): [(D(2013, 6, 28), D(2013, 8, 1))],    # ordinary physician turnover
        ("ESF-06", "acs4"): [(D(2014, 7, 31), D(2014, 9, 1))],    # successor hired after the cycle-2 evaluation
        ("ESF-02", "enf1"): [(D(2015, 2, 28), D(2015, 3, 16))],   # the nurse moves to ESF-08 (the mover)
        ("ESF-08", "enf1"): [(D(2015, 2, 28), D(2015, 3, 1))],    # retires; the mover takes her place
        # left during cycle-2 payments; the successor: hired after the evaluation
        ("ESF-03", "med1"): [(D(2015, 3, 31), D(2015, 5, 4))],
        ("ESF-09", "med1"): [(D(2016, 2, 29), D(2016, 4, 1))],    # ordinary physician turnover
        # left during cycle-3 payments; the successor: hired after the evaluation
        ("ESF-12", "med1"): [(D(2017, 9, 30), D(2017, 10, 16))],
    },
    # The first holder of ESF-02/enf1 is the same person as the second holder of ESF-08/enf1.
    movers=[(("ESF-02", "enf1", 0), ("ESF-08", "enf1", 1))],
    slot_attrs={
        ("ESF-04", "enf1"): {"woman": True},                         # goes on maternity leave
        ("ESF-01", "acs5"): {"signed": "não"},
        ("ESF-06", "med1"): {"signed": "não"},
        ("ESF-12", "dent1"): {"hours": 20},
        ("ESF-01", "rec1"): {"hours": 30},
        ("ESF-02", "psi1"): {"hours": 30, "start": D(2013, 7, 1)},   # NASF, attached to ESF-02
        ("ESF-05", "fis1"): {"hours": 20, "start": D(2013, 9, 2)},   # NASF, attached to ESF-05
    },
    outside=[
        ("coo", True, "comissionado", D(2013, 1, 2)),    # primary-care coordinator of the new administration
        ("coo", False, "efetivo", D(2010, 3, 1)),        # oral-health coordinator, a career dentist
    ],
    absences=[
        ("ESF-04", "enf1", 0, D(2014, 8, 5), D(2015, 1, 31), "licença_maternidade"),
        ("ESF-05", "acs3", 0, D(2015, 3, 10), D(2015, 8, 20), "inss"),
        ("ESF-10", "tec1", 0, D(2015, 4, 13), D(2015, 4, 13), "falta_injustificada"),
        ("ESF-10", "tec1", 0, D(2015, 4, 14), D(2015, 4, 14), "falta_injustificada"),
        ("ESF-10", "tec1", 0, D(2015, 6, 22), D(2015, 6, 22), "falta_injustificada"),
        ("ESF-10", "tec1", 0, D(2015, 8, 3), D(2015, 8, 3), "falta_injustificada"),
        ("ESF-10", "tec1", 0, D(2017, 10, 16), D(2017, 10, 17), "falta_injustificada"),
        ("ESF-12", "acs2", 0, D(2017, 6, 1), D(2017, 11, 30), "sem_vencimentos"),
        ("ESF-09", "enf1", 0, D(2017, 5, 2), D(2017, 12, 31), "cessão"),
    ],
    vacationers=14,
    first_id=10230,
)
