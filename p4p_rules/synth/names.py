"""Word lists for synthetic people and places: Brazilian first names and surnames (with their
accents), pieces of municipality names, and the states with their IBGE codes.

Every list is a tuple in a fixed order: the generator draws indices into them, so changing a list
changes the output of every seed.
"""

from __future__ import annotations

WOMEN = (
    "Maria José", "Antônia", "Francisca", "Ana Lúcia", "Luciana", "Conceição", "Márcia", "Cláudia",
    "Patrícia", "Fátima", "Aparecida", "Débora", "Tânia", "Letícia", "Mônica", "Sônia", "Cássia",
    "Flávia", "Bárbara", "Jéssica", "Lívia", "Rosângela", "Simone", "Adriana", "Juliana",
    "Fernanda", "Raquel", "Josefa", "Irene", "Célia", "Vânia", "Elaine", "Gláucia", "Lúcia",
    "Natália", "Priscila", "Valéria", "Rita de Cássia", "Maria das Graças", "Ângela", "Érica",
    "Sílvia", "Kátia", "Nádia", "Joana", "Beatriz", "Camila", "Tatiane", "Regina", "Marlene",
    "Ana Paula", "Maria de Lourdes", "Edileuza", "Gorete", "Socorro", "Luzia", "Ivone", "Jaqueline",
    "Cíntia", "Fabíola", "Larissa", "Mariana", "Vitória", "Yasmin", "Taís", "Rosilene",
)
MEN = (
    "José", "João", "Antônio", "Francisco", "Luís", "Sebastião", "Márcio", "Cícero", "Fábio",
    "Sérgio", "Vinícius", "Júlio", "Rômulo", "Benedito", "Inácio", "Marcos", "Rogério", "Célio",
    "André", "Otávio", "Lúcio", "Moisés", "Emanuel", "Tiago", "Gustavo", "Raimundo", "Severino",
    "Edson", "Flávio", "Cláudio", "Paulo", "Ronaldo", "Jônatas", "Ítalo", "Álvaro", "César",
    "Josué", "Damião", "Genival", "Valdir", "Rodrigo", "Leandro", "Matheus", "Caio", "Heitor",
)
SURNAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Araújo", "Conceição", "Gonçalves", "Patrício",
    "Brandão", "Magalhães", "Guimarães", "Simões", "Assunção", "Falcão", "Romão", "Galvão",
    "Damião", "Lopes", "Rocha", "Ribeiro", "Barbosa", "Nóbrega", "Cândido", "Peçanha", "Sá",
    "Bastos", "Alcântara", "Mendonça", "Estêvão", "Lima", "Pereira", "Ferreira", "Alves", "Gomes",
    "Carvalho", "Melo", "Cavalcanti", "Albuquerque", "Nascimento", "Jesus", "Fonseca", "Tavares",
    "Medeiros", "Dantas", "Batista", "Freitas", "Monteiro", "Macêdo", "Brito", "Vasconcelos",
    "Azevêdo", "Queiroz", "Bezerra", "Xavier", "Leão", "Aragão", "Custódio", "Marinho", "Moura",
)

# Municipality names are a head and, often, a tail: "Lagoa" + "do Norte", "São Bento" + "".
PLACE_HEADS = (
    "Lagoa", "Serra", "Riacho", "Campo", "Alto", "Porto", "Barra", "Pedra", "Poço", "Várzea",
    "São Bento", "São José", "São João", "Santa Luzia", "Santa Rita", "Santo Antônio", "Bom Jesus",
    "Nova Esperança", "Boa Vista", "Monte Alegre", "Olho d'Água", "Cachoeira", "Palmeira",
    "Juazeiro", "Itabaiana", "Jacaraú", "Caiçara", "Tabuleiro", "Carnaúba", "Umbuzeiro",
    "Conceição", "Piancó", "Sapé", "Patos", "Catolé", "Aroeiras", "Mãe d'Água", "Gurjão",
)
PLACE_TAILS = (
    "", "", "", "", "do Norte", "do Sul", "Grande", "Seca", "Verde", "Alegre", "Nova",
    "da Serra", "dos Campos", "das Flores", "do Rio", "da Prata", "dos Índios", "do Cariri",
    "do Sertão", "de Minas", "do Piauí", "do Oeste", "das Pedras", "do Monte",
)

# (UF, IBGE state code, municipalities in the state) — the 27 units of the federation; the counts
# add up to 5,570 and weight the state a synthetic municipality is placed in.
STATES = (
    ("MG", 31, 853), ("SP", 35, 645), ("RS", 43, 497), ("BA", 29, 417), ("PR", 41, 399),
    ("SC", 42, 295), ("GO", 52, 246), ("PI", 22, 224), ("PB", 25, 223), ("MA", 21, 217),
    ("PE", 26, 185), ("CE", 23, 184), ("RN", 24, 167), ("PA", 15, 144), ("MT", 51, 141),
    ("TO", 17, 139), ("AL", 27, 102), ("RJ", 33, 92), ("MS", 50, 79), ("ES", 32, 78),
    ("SE", 28, 75), ("AM", 13, 62), ("RO", 11, 52), ("AC", 12, 22), ("AP", 16, 16),
    ("RR", 14, 15), ("DF", 53, 1),
)
