#!/usr/bin/env python3
"""Writes bench/directory-workload.txt: distinct /servicos requests as people make them.

"Usar minha localização" from random points around the demo cities (rounded to ~100 m, as
the page does), an area or a city picked, a word typed now and then, pages 1-5.
Deterministic (fixed seed). Usage: bench/make_directory_workload.py [COUNT]
"""
import random
import sys
import urllib.parse

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
AREAS = ["documentacao", "saude", "assistencia_social", "alimentacao", "vestuario_higiene",
         "moradia", "educacao", "qualificacao", "trabalho_renda", "juridica", "familia",
         "cultura_esporte", "transporte"]
CITIES = [("5300108", -15.7939, -47.8828), ("3106200", -19.9167, -43.9345),
          ("3118601", -19.9317, -44.0536), ("3170206", -18.9186, -48.2772),
          ("3550308", -23.5505, -46.6333), ("3509502", -22.9099, -47.0626),
          ("3304557", -22.9068, -43.1729)]
WORDS = ["defensoria", "cras", "caps", "documentos", "saude", "emprego", "sine", "abrigo"]


def request(rng: random.Random) -> str:
    params = []
    code, lat, lon = rng.choice(CITIES)
    r = rng.random()
    if r < 0.6:
        params.append(("lat", f"{lat + rng.uniform(-0.8, 0.8):.3f}"))
        params.append(("lon", f"{lon + rng.uniform(-0.8, 0.8):.3f}"))
    elif r < 0.85:
        params.append(("cidade", code))
    if rng.random() < 0.5:
        params.append(("area", rng.choice(AREAS)))
    if rng.random() < 0.1:
        params.append(("q", rng.choice(WORDS)))
    page = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5])
    if page > 1:
        params.append(("pagina", str(page)))
    return "/servicos?" + urllib.parse.urlencode(params) if params else "/servicos"


def main() -> None:
    rng = random.Random(20261201)
    seen, lines = set(), []
    while len(lines) < COUNT:
        path = request(rng)
        if path not in seen:
            seen.add(path)
            lines.append(path)
    with open("bench/directory-workload.txt", "w", encoding="ascii") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
