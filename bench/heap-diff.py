#!/usr/bin/env python3
"""What N pages added to the server's heap, per page, type by type: the difference between two
files that bench/Circuits writes with --keep-dump=PREFIX --by-type (PREFIX-before.types.tsv and
PREFIX-after.types.tsv), biggest first.

    python3 bench/heap-diff.py PREFIX-before.types.tsv PREFIX-after.types.tsv PAGES [ROWS]
"""
import sys


def load(path):
    kept = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            size, count, name = line.rstrip("\n").split("\t", 2)
            kept[name] = (int(size), int(count))
    return kept


def main(before_path, after_path, pages, rows="40"):
    before, after, pages = load(before_path), load(after_path), float(pages)
    grown = [(after.get(name, (0, 0))[0] - before.get(name, (0, 0))[0],
              after.get(name, (0, 0))[1] - before.get(name, (0, 0))[1], name)
             for name in set(before) | set(after)]
    print(f"{sum(g[0] for g in grown) / pages / 1024:,.1f} KB per page in all")
    print("bytes per page | objects per page | type")
    for size, count, name in sorted(grown, reverse=True)[:int(rows)]:
        print(f"{size / pages:14,.0f} | {count / pages:16,.1f} | {name}")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
