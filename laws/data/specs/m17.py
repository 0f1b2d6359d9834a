"""M17's example data (laws/data/m17, README.md there): 16 teams, a nurse earmark, equal pay per member
within a category, coordinators and unit managers paid from management's share."""

from datetime import date as D

# The fields of make_data.Spec.
SPEC = dict(
    name="m17",
    seed=17,
    teams=[
        ("ESF-01", "med enf tec acs*6 dent tsb rec", ("mediano", "acima_da_média", "bom")),
        ("ESF-02", "med enf tec acs*5 dent tsb", ("acima_da_média", "muito_acima_da_média", "ótimo")),
        ("ESF-03", "med enf tec acs*8 dent tsb adm apo", ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-04", "med enf tec acs*6 ace", ("mediano", "mediano", "regular")),
        ("ESF-05", "med enf aux acs*5 dent asb", ("mediano", "acima_da_média", "bom")),
        ("ESF-06", "med enf tec acs*7 dent tsb psi", ("muito_acima_da_média", "acima_da_média", "bom")),
        ("ESF-07", "med enf tec acs*6 dent tsb", ("insatisfatório", "mediano", "regular")),
        ("ESF-08", "med enf tec acs*5", ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-09", "med enf tec acs*6 dent tsb", ("acima_da_média", "desclassificada", "bom")),
        ("ESF-10", "med enf tec acs*4 dent tsb fis", ("mediano", "mediano", "ruim")),
        ("ESF-11", "med enf tec acs*7 dent tsb", ("muito_acima_da_média", "acima_da_média", "ótimo")),
        ("ESF-12", "med enf tec acs*5 dent asb apo", ("mediano", "acima_da_média", "regular")),
        ("ESF-13", "med enf tec acs*6 dent tsb", ("acima_da_média", "mediano", "desclassificada")),
        ("ESF-14", "med enf tec acs*6 dent tsb", ("mediano", "acima_da_média", "bom")),
        ("ESF-15", "med enf tec acs*5 dent tsb", ("muito_acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-16", "med enf tec acs*7 dent tsb nut", ("mediano", "mediano", "bom")),
    ],
    changes={
        # the only insufficient team has no nurse from January to March 2013
        ("ESF-07", "enf1"): [(D(2012, 12, 31), D(2013, 4, 1))],
        # left before the 31/08/2014 payment; the successor: hired after the evaluation
        ("ESF-11", "med1"): [(D(2014, 7, 15), D(2014, 8, 4))],
        # left before payment; the successor: hired after the evaluation
        ("ESF-14", "acs3"): [(D(2015, 1, 30), D(2015, 3, 2))],
        ("ESF-06", "med1"): [(D(2013, 6, 28), D(2013, 8, 1))],    # ordinary physician turnover, between cycles
        ("ESF-03", "tec1"): [(D(2017, 8, 31), D(2017, 9, 18))],   # moves to ESF-10 (the mover)
        ("ESF-10", "tec1"): [(D(2017, 8, 31), D(2017, 9, 1))],    # retires; the ESF-03 technician takes her place
        ("ESF-16", "dent1"): [(D(2017, 6, 30), D(2017, 8, 1))],   # left during cycle-3 payments
    },
    # The first holder of ESF-03/tec1 is the same person as the second holder of ESF-10/tec1.
    movers=[(("ESF-03", "tec1", 0), ("ESF-10", "tec1", 1))],
    slot_attrs={
        ("ESF-02", "dent1"): {"hours": 20},
        ("ESF-15", "med1"): {"hours": 30},
        ("ESF-01", "rec1"): {"hours": 30},
        ("ESF-06", "psi1"): {"hours": 30, "start": D(2013, 7, 1)},   # NASF, attached to ESF-06
        ("ESF-10", "fis1"): {"hours": 20, "start": D(2012, 3, 5)},   # NASF, attached to ESF-10
        ("ESF-16", "nut1"): {"hours": 20, "start": D(2014, 3, 10)},  # NASF, attached to ESF-16
        ("ESF-12", "enf1"): {"woman": True},             # goes on maternity leave
        ("ESF-08", "acs2"): {"signed": "não"},
    },
    outside=[
        ("coo", False, "comissionado", D(2009, 1, 5), D(2012, 12, 31)),  # the previous administration's coordinator
        ("coo", True, "comissionado", D(2013, 1, 2)),    # primary-care coordinator of the new administration
        ("coo", False, "efetivo", D(2010, 3, 1)),        # oral-health coordinator, a career dentist
        ("ger", True, "efetivo", D(2008, 6, 2)),         # manager of the unit of ESF-01 and ESF-02
        ("ger", False, "comissionado", D(2013, 2, 1)),   # manager of the unit of ESF-03, ESF-04 and ESF-05
        ("ger", True, "efetivo", D(2010, 8, 2)),         # manager of the unit of ESF-09 and ESF-10
    ],
    absences=[
        ("ESF-05", "acs4", 0, D(2014, 8, 1), D(2014, 11, 30), "inss"),     # four whole months
        ("ESF-12", "enf1", 0, D(2015, 3, 2), D(2015, 8, 28), "licença_maternidade"),
        ("ESF-16", "tec1", 0, D(2017, 5, 1), D(2017, 7, 31), "sem_vencimentos"),
        ("", 5, 0, D(2015, 1, 5), D(2015, 2, 3), "inss"),                  # the ESF-09/ESF-10 unit manager
        ("ESF-04", "med1", 0, D(2017, 5, 2), D(2017, 12, 31), "cessão"),  # seconded to the state hospital
        ("ESF-15", "acs1", 0, D(2017, 9, 25), D(2017, 9, 26), "falta_injustificada"),
    ],
    vacationers=18,
    first_id=70140,
)
