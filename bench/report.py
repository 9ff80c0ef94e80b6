"""Turns bench/results/results.jsonl into bench/RESULTS.md: the issue's targets with the median
measured against each, then one table per kind of scenario. Within a scenario the variants ran
alternately in the same run; the first listed is the baseline its ratios are taken to."""
import json, statistics, sys, subprocess, datetime

# bench/report.py RESULTS.jsonl NOTES.md [MORE.jsonl ...]: the scenarios of each further file
# (a partial run's, ONLY=...) replace the same scenarios of the files before it, so a full run
# can be brought up to date scenario by scenario.
rows = []
for path in [sys.argv[1]] + sys.argv[3:]:
    newer = [json.loads(line) for line in open(path)]
    replaced = {r["scenario"] for r in newer}
    rows = [r for r in rows if r["scenario"] not in replaced] + newer
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
runs = max(r["run"] for r in rows)


def variants(scenario):
    return list(dict.fromkeys(r["server"] for r in rows if r["scenario"] == scenario))


def results(scenario, variant):
    return [r["result"] for r in rows if r["scenario"] == scenario and r["server"] == variant]


def median(scenario, variant, key):
    return statistics.median(r[key] for r in results(scenario, variant))


def nested(scenario, variant, *path):
    values = []
    for r in results(scenario, variant):
        for key in path:
            r = r[key]
        values.append(r)
    return statistics.median(values)


def starting(prefix):
    return [s for s in scenarios if s.startswith(prefix)]


def met(ok):
    return "**met**" if ok else "**not met**"


targets = []
traffic = [s for s in scenarios if "deliveriesPerSecond" in results(s, variants(s)[0])[0]]
idle = starting("C ")
browser = starting("E ")
flood = starting("F ")
abuse = starting("G ")
# What one address may hold at once under the default limits (README, "What one address can
# hold"): 100 sockets and 20 pages, with their queues and history; the peak above the baseline
# is checked against it.
ADDRESS_BOUND_MB = 48

for s in starting("A ") + starting("B "):
    d, base = median(s, "blazorchat", "deliveriesPerSecond"), median(s, "ceiling", "deliveriesPerSecond")
    if "500 msg/s" in s:
        p99, base99 = median(s, "blazorchat", "p99Ms"), median(s, "ceiling", "p99Ms")
        targets.append((s, "p99 ≤ 1.5× the ceiling's", f"{p99:.1f} ms vs {base99:.1f} ms: {p99 / base99:.2f}×", met(p99 <= 1.5 * base99)))
    else:
        targets.append((s, "deliveries/s ≥ 0.9× the ceiling's", f"{d:,.0f} vs {base:,.0f}: {d / base:.2f}×", met(d >= 0.9 * base)))
for s in idle:
    kb, base = median(s, "blazorchat", "kbPerConnection"), median(s, "ceiling", "kbPerConnection")
    targets.append((s, "BlazorChat's RSS per connection ≤ 1.1× the ceiling's",
                    f"{kb:.1f} KB vs {base:.1f} KB: {kb / base:.2f}×", met(kb <= 1.1 * base)))
for s in starting("D "):
    d, base = median(s, "redis", "deliveriesPerSecond"), median(s, "memory", "deliveriesPerSecond")
    targets.append((s, "deliveries/s on Redis ≥ 0.5× on Memory", f"{d / base:.2f}×", met(d >= 0.5 * base)))
    if "500 msg/s" in s:
        p99 = median(s, "redis", "p99Ms")
        targets.append((s, "p99 on Redis ≤ 15 ms", f"{p99:.1f} ms (Memory: {median(s, 'memory', 'p99Ms'):.1f} ms)", met(p99 <= 15)))
cluster = starting("H ")


def node_costs(scenario, variant):
    """Each node's CPU ms and bytes sent per message, busiest node first: medians by rank over the runs."""
    runs = []
    for r in results(scenario, variant):
        n = r["redis"]["published"]
        runs.append(sorted(((x["cpuSeconds"] * 1e6 / n, x["bytesSent"] / n, x["clusterMessagesSent"] / n, x["role"]) for x in r["redis"]["nodes"]),
                           reverse=True))
    return [(statistics.median(run[i][0] for run in runs), statistics.median(run[i][1] for run in runs),
             statistics.median(run[i][2] for run in runs), runs[0][i][3]) for i in range(len(runs[0]))]


for s in cluster:
    base = median(s, "single", "deliveriesPerSecond")
    d = median(s, "cluster-sharded", "deliveriesPerSecond")
    targets.append((s, "deliveries/s on the cluster (sharded) ≥ 0.8× one Redis", f"{d:,.0f} vs {base:,.0f}: {d / base:.2f}×", met(d >= 0.8 * base)))
    (single_us, single_bytes, _, _), = node_costs(s, "single")
    busiest_us, busiest_bytes = (max(c[i] for c in node_costs(s, "cluster-sharded")) for i in (0, 1))
    targets.append((s, "sharded: the busiest node's Redis CPU per message ≤ one Redis's", f"{busiest_us:.1f} µs vs {single_us:.1f} µs: {busiest_us / single_us:.2f}×", met(busiest_us <= single_us)))
    targets.append((s, "sharded: the busiest node's bytes sent per message ≤ one Redis's", f"{busiest_bytes:,.0f} B vs {single_bytes:,.0f} B: {busiest_bytes / single_bytes:.2f}×", met(busiest_bytes <= single_bytes)))
for s in flood:
    p99, quiet = median(s, "disrupted", "p99Ms"), median(s, "quiet", "p99Ms")
    targets.append((s, "the others' p99 ≤ 2× without the two misbehaving clients",
                    f"{p99:.1f} ms vs {quiet:.1f} ms: {p99 / quiet:.2f}×", met(p99 <= 2 * quiet)))
    a = next(iter(starting("A 1x200, 500")), None)
    if a:
        a99 = median(a, "blazorchat", "p99Ms")
        targets.append((s, "the others' p99 ≤ 2× A's at 500 msg/s (one publisher, no limits)",
                        f"{p99:.1f} ms vs {a99:.1f} ms: {p99 / a99:.2f}×", met(p99 <= 2 * a99)))
    closes = [r["flooder"]["close"] for r in results(s, "disrupted")]
    targets.append((s, "the flooder is closed with 1008", ", ".join(closes), met(all(c == "1008" for c in closes))))
    endings = [r["stalled"]["close"] for r in results(s, "disrupted")]
    targets.append((s, "the stalled reader is let go (1013, or cut 5 s after if it cannot take the close frame)",
                    ", ".join(endings), met(all(e in ("1013", "cut without a close frame") for e in endings))))
for s in traffic:
    for v in variants(s):
        bad = sum(r["lost"] + r["duplicated"] + r["outOfOrder"] for r in results(s, v))
        if bad:
            targets.append((f"{s} ({v})", "no message lost, duplicated or out of order", f"{bad:,}", met(False)))
targets.append(("every scenario", "no message lost, duplicated or out of order",
                "none" if not any(t[1].startswith("no message") for t in targets) else "see above",
                met(not any(t[1].startswith("no message") for t in targets))))
for s in abuse:
    calm, attacked = variants(s)
    p99, base99 = median(s, attacked, "p99Ms"), median(s, calm, "p99Ms")
    targets.append((s, "the others' p99 ≤ 1.5× without the attacker", f"{p99:.1f} ms vs {base99:.1f} ms: {p99 / base99:.2f}×", met(p99 <= 1.5 * base99)))
    before, peak, after = (nested(s, attacked, "memory", k) / 1024 for k in ("rssBeforeKb", "rssPeakKb", "rssAfterKb"))
    # The baseline is the same traffic without the attacker, read at the same moment.
    calm_after = nested(s, calm, "memory", "rssAfterKb") / 1024
    targets.append((s, "server RSS after the idle time within 10 % of the run without the attacker", f"{after:.0f} MB vs {calm_after:.0f} MB: {after / calm_after:.2f}×", met(after <= 1.1 * calm_after)))
    heap, calm_heap = (nested(s, v, "memory", "liveHeapAfterBytes") / 1048576 for v in (attacked, calm))
    targets.append((s, "live managed heap after the idle time within 10 % of the run without the attacker", f"{heap:.0f} MB vs {calm_heap:.0f} MB: {heap / calm_heap:.2f}×", met(heap <= 1.1 * calm_heap)))
    # The readers' own growth under the same traffic is the calm run's; the attacker's is the rest.
    calm_growth = (nested(s, calm, "memory", "rssPeakKb") - nested(s, calm, "memory", "rssBeforeKb")) / 1024
    growth = peak - before - calm_growth
    targets.append((s, f"server RSS peak above before, beyond the calm run's, ≤ {ADDRESS_BOUND_MB} MB (what one address can hold)",
                    f"{growth:.0f} MB ({peak - before:.0f} MB, of which the calm run's {calm_growth:.0f} MB)", met(growth <= ADDRESS_BOUND_MB)))
    if "Redis" in s:
        rp, ra = (nested(s, attacked, "memory", k) / 1048576 for k in ("redisPeakBytes", "redisAfterBytes"))
        calm_ra = nested(s, calm, "memory", "redisAfterBytes") / 1048576
        targets.append((s, "Redis used_memory after the idle time within 10 % of the run without the attacker", f"{ra:.2f} MB vs {calm_ra:.2f} MB (peak {rp:.2f} MB): {ra / calm_ra:.2f}×", met(ra <= 1.1 * calm_ra)))
def page(scenario):
    """The room page's variant of an E scenario: the last, after the baseline where it has one."""
    return variants(scenario)[-1]


for s in browser:
    per = "hidden tab" if all(r.get("hidden") for r in results(s, page(s))) else "circuit"
    kb = median(s, page(s), "kbPerCircuit")
    targets.append((s, f"server RSS per {per} ≤ 250 KB", f"{kb:,.0f} KB", met(kb <= 250)))
    if all(r.get("heapKbPerCircuit") is not None for r in results(s, page(s))):
        heap = median(s, page(s), "heapKbPerCircuit")
        targets.append((s, f"live managed heap per {per} ≤ 250 KB", f"{heap:,.0f} KB", met(heap <= 250)))

print("# Benchmark results\n")
print(f"Made by `bench/run.sh` on {datetime.date.today()} ({subprocess.getoutput('nproc')} cores, load generators, browser and servers on the same machine);")
fewer = sorted({r["scenario"].split(" ")[0] for r in rows if max(x["run"] for x in rows if x["scenario"] == r["scenario"]) < runs})
print(f"medians of {runs} runs per scenario and variant, the variants of a scenario alternating in the same run"
      + (f" (fewer for {', '.join(fewer)}: each run is in the scenario's table)" if fewer else "") + ".\n")

print("## Targets\n")
print("| scenario | target | measured (medians) | |")
print("|---|---|---|---|")
for t in targets:
    print("| " + " | ".join(t) + " |")

print("\n## Throughput and latency\n")
print("Deliveries/s counts every copy a subscriber received. Variants: `ceiling` is `bench/Ceiling`; `blazorchat` and")
print("`memory` are BlazorChat on the memory bus with both limits off; `redis` is two BlazorChat instances on one")
print("redis-server, subscribers on one and publishers on the other; `quiet` and `disrupted` are BlazorChat with its")
print("default rate limit, without and with the flooder and the stalled reader; `single`, `cluster-sharded` and")
print("`cluster-classic` are D's two instances on one redis-server or on a local Redis Cluster (H). D and H run on warm servers")
print("(the same load in other rooms first); a `-cold` variant is the same without it. The ratio is to the scenario's first variant.\n")
print("| scenario | variant | deliveries/s | p50 ms | p99 ms | max ms | lost | dup | out of order | ratio to the first (deliveries/s, p99) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
for s in traffic:
    base = variants(s)[0]
    for v in variants(s):
        d, p50, p99, mx = (median(s, v, k) for k in ("deliveriesPerSecond", "p50Ms", "p99Ms", "maxMs"))
        lost, dup, ooo = (sum(r[k] for r in results(s, v)) for k in ("lost", "duplicated", "outOfOrder"))
        ratio = "" if v == base else f"{d / median(s, base, 'deliveriesPerSecond'):.2f}×, {p99 / max(median(s, base, 'p99Ms'), 0.001):.2f}×"
        print(f"| {s} | {v} | {d:,.0f} | {p50:.2f} | {p99:.2f} | {mx:.1f} | {lost} | {dup} | {ooo} | {ratio} |")

taps = [s for s in starting("D ") if results(s, "redis")[0].get("redisTap")]
if taps:
    print("\n## D on Redis: where a message's time goes\n")
    print("A subscriber of the load generator's own on the first room's channel (`RedisTap`) notes when Redis hands")
    print("each message on; send → Redis is the publisher's socket, its instance and the script on Redis, Redis → socket")
    print("is the subscribers' instance (StackExchange.Redis, the parse, the fan-out) and the 200 socket writes.\n")
    print("| scenario | send → Redis p50 / p99 ms | Redis → socket p50 / p99 ms | whole p50 / p99 ms | memory bus p50 / p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for s in taps:
        t = lambda k: nested(s, "redis", "redisTap", k)
        print(f"| {s} | {t('sendToRedisP50Ms'):.2f} / {t('sendToRedisP99Ms'):.2f} | {t('redisToSocketP50Ms'):.2f} / {t('redisToSocketP99Ms'):.2f} | "
              f"{median(s, 'redis', 'p50Ms'):.2f} / {median(s, 'redis', 'p99Ms'):.2f} | {median(s, 'memory', 'p50Ms'):.2f} / {median(s, 'memory', 'p99Ms'):.2f} |")

for s in cluster:
    print(f"\n## {s}: what each Redis node spent\n")
    print("`single` is one redis-server; `cluster-sharded` and `cluster-classic` a local cluster of three masters and three")
    print("replicas (`redis-cli --cluster create ... --cluster-replicas 1`), the app on `Bus:Redis:PubSub` Sharded or Classic.")
    print("Read on every node just before the first send and after the last delivery: CPU (INFO cpu, user + system), bytes")
    print("written to sockets (`wchar` of /proc/PID/io: clients, replication and the cluster bus) and cluster-bus messages")
    print("(CLUSTER INFO), per message sent; nodes busiest first, each figure the median by rank over the runs.\n")
    print("| variant | deliveries/s | ratio to one Redis | CPU s per 1,000 messages, all nodes | per node: CPU µs per message | per node: bytes sent per message | cluster-bus messages per message, all nodes |")
    print("|---|---:|---:|---:|---|---|---:|")
    base = median(s, "single", "deliveriesPerSecond")
    for v in variants(s):
        costs, d = node_costs(s, v), median(s, v, "deliveriesPerSecond")
        per_node = " / ".join(f"{c[0]:.1f} ({'replica' if c[3] == 'slave' else c[3]})" for c in costs)
        sent = " / ".join(f"{c[1]:,.0f}" for c in costs)
        print(f"| {v} | {d:,.0f} | {d / base:.2f}× | {sum(c[0] for c in costs) / 1000:.3f} | {per_node} | {sent} | {sum(c[2] for c in costs):.2f} |")

for s in idle:
    print(f"\n## {s}\n")
    print("RSS (VmRSS) read before and after the connections, 2 s after each step, with one connection per room")
    print("already open before the first reading.\n")
    print("| variant | connections | RSS before MB | RSS after MB | KB per connection | ratio to the ceiling | connect s |")
    print("|---|---:|---:|---:|---:|---|---:|")
    for v in variants(s):
        kb = median(s, v, "kbPerConnection")
        ratio = "" if v == "ceiling" else f"{kb / median(s, 'ceiling', 'kbPerConnection'):.2f}×"
        print(f"| {v} | {median(s, v, 'connections'):,.0f} | {median(s, v, 'rssBeforeKb') / 1024:.1f} | {median(s, v, 'rssAfterKb') / 1024:.1f} | {kb:.1f} | {ratio} | {median(s, v, 'connectMs') / 1000:.1f} |")

for s in flood:
    print(f"\n## {s}: each run\n")
    print("The flooder starts 1 s into the run and sends as fast as its connection takes texts; the stalled reader")
    print("reads nothing after its welcome until the publishers are done, then reads until its connection ends.")
    print("The flooder's texts beyond those delivered and refused with a notice were never read by the server: it")
    print("stops reading a connection once that is closed as flooding.\n")
    print("| run | flooder: sent | delivered to each subscriber | refused with a notice | close | stalled reader: read after waking | ending | others' p99 ms | quiet p99 ms |")
    print("|---|---:|---:|---:|---|---:|---|---:|---:|")
    quiet = results(s, "quiet")
    for i, r in enumerate(results(s, "disrupted")):
        f, st = r["flooder"], r["stalled"]
        print(f"| {i + 1} | {f['sent']:,} | {f['deliveredToEachSubscriber']} | {f['refusedWithNotice']} | {f['close']} | {st['received']:,} | {st['close']} | {r['p99Ms']:.1f} | {quiet[i]['p99Ms']:.1f} |")

for s in abuse:
    print(f"\n## {s}: each run\n")
    print("What the attacker (one address, for 6 s) was let do and refused, and the server's memory (and Redis's)")
    print("before, at the peak, and 15 s after the run (5 s past the rooms' 10 s idle time).\n")
    print("| run | variant | held sockets | rooms joined / refused | churn joined / refused | flooder | API answered / refused | pages held / refused | RSS before / peak / after MB | live heap before / after MB | Redis before / peak / after MB | others' p99 ms |")
    print("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for v in variants(s):
        for i, r in enumerate(results(s, v)):
            a, m = r.get("attack") or {}, r["memory"]
            attack = (f"{a['heldSockets']} | {a['roomsJoined']} / {a['roomsRefused']} | {a['churnJoined']} / {a['churnRefused']} | {a['flood']} | "
                      f"{a['apiAnswered']} / {a['apiRefused']} | {a['pagesHeld']} / {a['pagesRefused']}") if a else "| | | | |"
            rss = f"{m['rssBeforeKb'] / 1024:.0f} / {m['rssPeakKb'] / 1024:.0f} / {m['rssAfterKb'] / 1024:.0f}"
            heap = f"{m['liveHeapBeforeBytes'] / 1048576:.0f} / {m['liveHeapAfterBytes'] / 1048576:.0f}"
            redis = f"{m['redisBeforeBytes'] / 1048576:.2f} / {m['redisPeakBytes'] / 1048576:.2f} / {m['redisAfterBytes'] / 1048576:.2f}" if m["redisBeforeBytes"] else ""
            print(f"| {i + 1} | {v} | {attack} | {rss} | {heap} | {redis} | {r['p99Ms']:.1f} |")

for s in browser:
    print(f"\n## {s}: each run\n")
    hidden = all(r.get("hidden") for r in results(s, page(s)))
    if hidden:
        print("| run | variant | tabs | RSS before MB | RSS hidden MB | KB per hidden tab | heap KB per hidden tab | KB / heap KB per tab while open | pages opened in s |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    else:
        print("| run | variant | circuits | RSS before MB | RSS after MB | KB per circuit | heap KB per circuit | pages opened in s |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
    for v in variants(s):
        for i, r in enumerate(results(s, v)):
            heap = f"{r['heapKbPerCircuit']:,.0f}" if r.get("heapKbPerCircuit") is not None else ""
            opened = f" {r['kbPerOpenCircuit']:,.0f} / {r['heapKbPerOpenCircuit'] or 0:,.0f} |" if hidden else ""
            print(f"| {i + 1} | {v} | {r['circuits']} | {r['rssBeforeKb'] / 1024:.1f} | {r['rssAfterKb'] / 1024:.1f} | {r['kbPerCircuit']:,.0f} | {heap} |{opened} {r['openMs'] / 1000:.1f} |")
    if "floor" in variants(s):
        # The template's page is the baseline: what Blazor itself holds per circuit.
        ratios = [f"{label} {median(s, page(s), key):,.0f} KB against {median(s, 'floor', key):,.0f} KB, {median(s, page(s), key) / median(s, 'floor', key):.2f}×"
                  for key, label in (("kbPerCircuit", "RSS"), ("heapKbPerCircuit", "live heap"))]
        print(f"\nThe room page against Blazor's template (floor), medians, {'; '.join(ratios)}.")

if len(sys.argv) > 2:
    print()
    print(open(sys.argv[2]).read(), end="")
