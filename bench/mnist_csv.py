#!/usr/bin/env python3
"""Writes a CSV file shaped like the usual MNIST CSV (Kaggle's train.csv): a header
`label,pixel0,...,pixel783`, then one row per 28x28 image, the label (0-9) first and integer
pixels 0-255. The images are not MNIST: each class is a fixed set of strokes, drawn shifted
by up to two pixels, with a random stroke intensity and speckle, so that a network can learn
them but not trivially. Deterministic for a given seed. Standard library only.

Usage: bench/mnist_csv.py [OUT.csv] [--rows N] [--seed S]      (default /tmp/mnist.csv, 42000 rows)
Used by the load and speed measurements of issue 13 (see README, "Speed"); never committed as data.
"""
import argparse
import random

SIDE = 28


def strokes(rng):
    """A class's prototype: 3 to 5 thick line segments on the canvas, as a set of pixel indices."""
    on = {}
    for _ in range(rng.randint(3, 5)):
        x0, y0, x1, y1 = (rng.randint(6, 21) for _ in range(4))
        steps = max(abs(x1 - x0), abs(y1 - y0), 1) * 2
        for s in range(steps + 1):
            x = round(x0 + (x1 - x0) * s / steps)
            y = round(y0 + (y1 - y0) * s / steps)
            for dx, dy, v in ((0, 0, 255), (1, 0, 180), (0, 1, 180), (-1, 0, 120), (0, -1, 120)):
                px, py = x + dx, y + dy
                if 0 <= px < SIDE and 0 <= py < SIDE:
                    on[py * SIDE + px] = max(on.get(py * SIDE + px, 0), v)
    return on


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default="/tmp/mnist.csv")
    parser.add_argument("--rows", type=int, default=42000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    prototypes = [strokes(rng) for _ in range(10)]
    text = [str(v) for v in range(256)]
    with open(args.out, "w", newline="\n") as out:
        out.write("label," + ",".join(f"pixel{i}" for i in range(SIDE * SIDE)) + "\n")
        for _ in range(args.rows):
            label = rng.randrange(10)
            dx, dy = rng.randint(-2, 2), rng.randint(-2, 2)
            gain = rng.uniform(0.6, 1.0)
            row = [0] * (SIDE * SIDE)
            for index, value in prototypes[label].items():
                x, y = index % SIDE + dx, index // SIDE + dy
                if 0 <= x < SIDE and 0 <= y < SIDE and rng.random() > 0.15:
                    row[y * SIDE + x] = int(value * gain)
            for _ in range(rng.randint(5, 40)):
                row[rng.randrange(SIDE * SIDE)] = rng.randrange(256)
            out.write(text[label] + "," + ",".join(text[v] for v in row) + "\n")


if __name__ == "__main__":
    main()
