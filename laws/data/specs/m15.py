"""M15's example data (laws/data/m15, README.md there): 14 teams, a cap per person and money carried over."""

from datetime import date as D

# The fields of make_data.Spec.
SPEC = dict(
    name="m15",
    seed=15,
    teams=[
        ("ESF-01", "med enf tec acs*6 dent tsb rec", ("mediano", "acima_da_média", "bom")),
        ("ESF-02", "med enf tec acs*5 dent tsb", ("acima_da_média", "muito_acima_da_média", "ótimo")),
        ("ESF-03", "med enf tec acs*8 dent tsb adm apo", ("muito_acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-04", "med enf tec acs*6 ace", ("mediano", "mediano", "regular")),
        ("ESF-05", "med enf aux acs*5 dent asb", ("insatisfatório", "mediano", "bom")),
        ("ESF-06", "med enf tec acs*7 dent tsb psi", ("acima_da_média", "acima_da_média", "bom")),
        ("ESF-07", "med enf tec acs*5", ("acima_da_média", "muito_acima_da_média", "muito_bom")),
        ("ESF-08", "med enf tec acs*6 dent tsb", ("mediano", "desclassificada", "regular")),
        ("ESF-09", "med enf tec acs*6 dent tsb", ("acima_da_média", "acima_da_média", "ruim")),
        ("ESF-10", "med enf tec acs*4 dent tsb fis", ("mediano", "mediano", "bom")),
        ("ESF-11", "med enf tec acs*7 dent tsb", ("muito_acima_da_média", "acima_da_média", "ótimo")),
        ("ESF-12", "med enf tec acs*5 dent asb apo", ("mediano", "acima_da_média", "regular")),
        ("ESF-13", "med enf tec acs*6 dent tsb", ("insatisfatório", "mediano", "desclassificada")),
        ("ESF-14", "med enf tec acs*6 dent tsb", ("acima_da_média", "acima_da_média", "bom")),
    ],
    changes={
        # left before the 31/01/2013 payment; the successor: hired after the evaluation
        ("ESF-06", "med1"): [(D(2012, 11, 30), D(2013, 2, 4))],
        ("ESF-09", "enf1"): [(D(2014, 3, 14), D(2014, 4, 1))],    # successor hired after the cycle-2 evaluation
        ("ESF-14", "acs2"): [(D(2014, 12, 19), D(2015, 2, 2))],   # left before the 31/01/2015 payment
        ("ESF-02", "med1"): [(D(2013, 6, 28), D(2013, 8, 1))],    # ordinary physician turnover, between cycles
        ("ESF-11", "tsb1"): [(D(2015, 4, 30), D(2015, 5, 1))],    # the ESF-11 technician moves to ESF-12
        ("ESF-03", "dent1"): [(D(2017, 11, 30), D(2017, 12, 4))],  # retires before the 31/01/2018 payment
        ("ESF-12", "asb1"): [(D(2015, 4, 30), D(2015, 5, 1))],    # ESF-12 swaps its assistant for the mover
    },
    # The first holder of ESF-11/tsb1 is the same person as the second holder of ESF-12/asb1.
    movers=[(("ESF-11", "tsb1", 0), ("ESF-12", "asb1", 1))],
    slot_attrs={
        ("ESF-01", "rec1"): {"hours": 30},
        ("ESF-10", "dent1"): {"hours": 20},
        ("ESF-06", "psi1"): {"hours": 30, "start": D(2013, 7, 1)},   # NASF, attached to ESF-06
        ("ESF-10", "fis1"): {"hours": 20, "start": D(2012, 3, 5)},   # NASF, attached to ESF-10
        ("ESF-07", "enf1"): {"woman": True},             # goes on maternity leave
        ("ESF-13", "acs4"): {"signed": "não"},
    },
    outside=[
        ("coo", True, "comissionado", D(2013, 1, 2)),    # primary-care coordinator of the new administration
        ("coo", False, "efetivo", D(2009, 6, 1)),        # oral-health coordinator, a career dentist
        ("coo", True, "comissionado", D(2011, 3, 1), D(2012, 12, 31)),  # the previous administration's coordinator
    ],
    absences=[
        ("ESF-04", "acs2", 0, D(2013, 12, 2), D(2016, 1, 3), "inss"),      # away the whole of 2014 and 2015
        ("ESF-07", "enf1", 0, D(2014, 9, 1), D(2015, 2, 27), "licença_maternidade"),
        ("ESF-01", "tec1", 0, D(2017, 3, 1), D(2017, 12, 31), "cessão"),
        ("ESF-14", "med1", 0, D(2015, 5, 4), D(2015, 7, 31), "sem_vencimentos"),
        ("ESF-09", "acs3", 0, D(2015, 6, 8), D(2015, 6, 9), "falta_injustificada"),
    ],
    vacationers=14,
    first_id=50120,
)
