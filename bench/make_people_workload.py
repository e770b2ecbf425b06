#!/usr/bin/env python3
"""Writes bench/people-workload.txt: distinct staff requests in a unit of 50,000 people.

What a técnica or a coordinator does all day: search a person by a first name, a surname,
two words or the full generated name (with and without accents, in any case), look at the
next pages, open the dashboard and its next pages of "my people", the unit's agenda and
its referrals, page by page. The names follow
`seed_people::benchmark_name`. Deterministic (fixed seed).
Usage: bench/make_people_workload.py [COUNT]
"""
import random
import sys
import unicodedata
import urllib.parse

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
FIRST = ["Ana", "Antônio", "Bruna", "Carlos", "Cláudia", "Daniel", "Edson", "Fernanda",
         "Francisco", "Gabriela", "João", "José", "Juliana", "Luiz", "Márcia", "Maria", "Paulo",
         "Raimunda", "Sebastião", "Vanessa"]
LAST = ["Almeida", "Alves", "Araújo", "Barbosa", "Cardoso", "Conceição", "Costa", "Ferreira",
        "Gomes", "Lima", "Nascimento", "Oliveira", "Pereira", "Ribeiro", "Rocha", "Santos",
        "Silva", "Soares", "Souza", "Teixeira"]


def plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def typed(word: str, rng: random.Random) -> str:
    word = plain(word) if rng.random() < 0.5 else word
    return word.lower() if rng.random() < 0.6 else word


def request(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        page = rng.choice([1, 1, 1, 2, 3, 10, 100, 500])
        return "/equipe" if page == 1 else f"/equipe?pagina={page}"
    if r < 0.32:
        return f"/equipe/agenda?pagina={rng.randint(1, 100)}"
    if r < 0.38:
        return f"/equipe/encaminhamentos?pagina={rng.randint(1, 40)}"
    n = rng.randrange(50_000)
    first, middle, last = FIRST[n % 20], LAST[(n // 20) % 20], LAST[(n // 400) % 20]
    if r < 0.45:
        words = [first, middle, last, str(n)]
    elif r < 0.7:
        words = [first, rng.choice([middle, last])]
    elif r < 0.85:
        words = [rng.choice([first, middle, last])]
    else:
        words = [middle, last]
    q = " ".join(typed(w, rng) for w in words)
    # A full name finds one person: only broader searches have next pages.
    page = 1 if len(words) == 4 else rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5])
    params = [("q", q)] + ([("pagina", str(page))] if page > 1 else [])
    return "/equipe/pessoas?" + urllib.parse.urlencode(params)


def main() -> None:
    rng = random.Random(307)
    seen = set()
    lines = []
    while len(lines) < COUNT:
        line = request(rng)
        if line not in seen:
            seen.add(line)
            lines.append(line)
    with open("bench/people-workload.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
