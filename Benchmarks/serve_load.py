#!/usr/bin/env python3
"""Load for `fundflow serve`: CLIENTS concurrent clients on loopback, each with its own keep-alive
connection, asking for the account, transfers and 2-hop graph (SVG) of accounts drawn from the
case, and the p50/p95/p99 latency per endpoint (and how many charts the server's cache answered).

usage: serve_load.py URL CLIENTS REQUESTS_PER_CLIENT ACCOUNTS_FILE
"""
import http.client
import random
import statistics
import sys
import threading
import time
import urllib.parse

url, clients, per_client, accounts_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
parsed = urllib.parse.urlparse(url)
accounts = [line.strip() for line in open(accounts_file, encoding="utf-8") if line.strip()]
endpoints = {
    "account": lambda a: f"/api/accounts/{urllib.parse.quote(a, safe='')}",
    "transfers": lambda a: f"/api/accounts/{urllib.parse.quote(a, safe='')}/transfers?limit=100",
    "graph (2 hops, svg)": lambda a: f"/api/graph?account={urllib.parse.quote(a, safe='')}&hops=2&format=svg",
}
latencies = {name: [] for name in endpoints}
errors = []
cache_hits = []
lock = threading.Lock()


def client(seed):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    for _ in range(per_client):
        account = rng.choice(accounts)
        for name, path in endpoints.items():
            start = time.perf_counter()
            connection.request("GET", path(account), headers={"Host": parsed.netloc})
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies[name].append(elapsed)
                if response.getheader("X-Fundflow-Chart-Cache") == "hit":
                    cache_hits.append(name)
                if response.status != 200:
                    errors.append((name, account, response.status, body[:200]))
    connection.close()


start = time.perf_counter()
threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for thread in threads: thread.start()
for thread in threads: thread.join()
wall = time.perf_counter() - start
total = sum(len(v) for v in latencies.values())
print(f"{total} requests from {clients} clients in {wall:.1f} s ({total / wall:.0f} requests/s), {len(errors)} not 200")
if cache_hits:
    print(f"{len(cache_hits)} charts came from the server's chart cache (the same chart asked for again)")
print("| endpoint | requests | p50 | p95 | p99 | max |")
print("| --- | --- | --- | --- | --- | --- |")
for name, values in latencies.items():
    values.sort()
    q = lambda p: values[min(len(values) - 1, int(p * len(values)))] * 1000
    print(f"| {name} | {len(values)} | {q(0.50):.0f} ms | {q(0.95):.0f} ms | {q(0.99):.0f} ms | {values[-1] * 1000:.0f} ms |")
for error in errors[:5]:
    print("error:", error, file=sys.stderr)
sys.exit(1 if errors else 0)
