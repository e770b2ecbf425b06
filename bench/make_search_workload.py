#!/usr/bin/env python3
"""Writes bench/search-workload.txt: distinct /vagas requests, the long tail a job board meets.

Words people type for the trades of this programme (with and without accents, feminine and
masculine, singular and plural, one typo, the area instead of the title), CBO families, and
random UF / city / quota / shift / salary filters and pages 1-5. Deterministic (fixed seed):
run it again and the file is the same. Usage: bench/make_search_workload.py [COUNT]
"""
import random
import sys
import urllib.parse

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1200

WORDS = [
    "pedreiro", "pedreira", "pedreiros", "servente", "servente de obras", "ajudante de obras",
    "pintor", "pintora", "pintor de obras", "encanador", "eletricista", "eletrisista",
    "eletricista de manutenção", "carpinteiro", "construção", "construcao", "obra", "obras",
    "limpeza", "auxiliar de limpeza", "faxineira", "faxineiro", "faxina", "zelador", "zeladora",
    "serviços gerais", "servicos gerais", "diarista", "cozinha", "cozinheira", "cozinheiro",
    "cozinheiro geral", "auxiliar de cozinha", "cozinhiera", "garçom", "garcom", "garçonete",
    "copeira", "padeiro", "padaria", "açougueiro", "acougueiro", "lanchonete",
    "atendente", "atendente de lanchonete", "atendente de loja", "vendedor", "vendedora",
    "vendas", "operador de caixa", "operadora de caixa", "caixa", "repositor", "repositora",
    "mercado", "supermercado", "comércio", "logística", "logistica", "estoque", "almoxarife",
    "carregador", "ajudante de carga", "motorista", "motorista de caminhão", "empilhadeira",
    "operador de empilhadeira", "entregador", "motoboy", "manutenção", "manutencao",
    "mecânico", "mecanico", "manutenção predial", "telemarketing", "call center",
    "operador de telemarketing", "atendimento", "recepcionista", "auxiliar",
    "auxiliar administrativo", "assistente administrativo", "ajudante", "produção",
    "auxiliar de produção", "linha de produção", "embalador", "jardineiro", "porteiro",
    "agricultura", "rural", "costureira", "MANUTENÇÃO", "Pedreiro", "Limpeza Hospitalar",
    "auxiliar de serviços gerais", "jovem aprendiz", "aprendiz", "noturno", "sem experiência",
]
FAMILIES = ["7152", "7170", "7166", "7241", "5143", "5132", "5134", "4211", "5211", "7832",
            "4141", "7825", "9511", "9144", "4223", "7842", "5135", "8483"]
PLACES = [("DF", "5300108"), ("MG", "3106200"), ("MG", "3118601"), ("MG", "3170206"),
          ("SP", "3550308"), ("SP", "3509502"), ("RJ", "3304557")]
UFS = ["DF", "MG", "SP", "RJ", "BA", "PE", "RS", "PR", "CE", "GO"]
SHIFTS = ["manha", "tarde", "noite", "integral", "escala"]


def request(rng: random.Random) -> str:
    params = []
    kind = rng.random()
    if kind < 0.75:
        words = rng.choice(WORDS)
        if rng.random() < 0.15:
            words = f"{words} {rng.choice(WORDS)}"
        params.append(("q", words))
    elif kind < 0.88:
        params.append(("cbo", rng.choice(FAMILIES)))
    r = rng.random()
    if r < 0.25:
        uf, city = rng.choice(PLACES)
        params.append(("uf", uf))
        params.append(("cidade", city))
    elif r < 0.55:
        params.append(("uf", rng.choice(UFS)))
    if rng.random() < 0.15:
        params.append(("cota", "1"))
    if rng.random() < 0.2:
        params.append(("turno", rng.choice(SHIFTS)))
    if rng.random() < 0.15:
        params.append(("salario", str(rng.choice([1500, 1800, 2000, 2500, 3000]))))
    page = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5])
    if page > 1:
        params.append(("pagina", str(page)))
    return "/vagas?" + urllib.parse.urlencode(params) if params else "/vagas"


def main() -> None:
    rng = random.Random(20261201)
    seen, lines = set(), []
    while len(lines) < COUNT:
        path = request(rng)
        if path not in seen:
            seen.add(path)
            lines.append(path)
    with open("bench/search-workload.txt", "w", encoding="ascii") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
