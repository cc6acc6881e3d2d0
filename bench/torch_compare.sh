#!/bin/sh
# Training speed of the MNIST-shaped configuration, ours against PyTorch, side by side in one run.
#
#   784-128-64-2 → 10 (ReLU, linear feature layer), batch 128, SGD (lr 0.05, momentum 0.9,
#   weight decay 5e-4), softmax + λ·center loss (λ 0.1), paper center update (α 0.5).
#
# Ours: `center-loss-lab bench` (a bare loop of training steps, one thread) on a CSV file shaped
# like the MNIST CSV (bench/mnist_csv.py writes it to /tmp/mnist.csv when missing), then
# `bench --thread`, the window's trainer thread publishing snapshots. PyTorch: the same network
# and step on the CPU with one thread (OMP_NUM_THREADS=1, torch.set_num_threads(1)), on random
# pixels (the speed does not depend on their values). Never part of CI: it needs torch.
#
# Usage: bench/torch_compare.sh [STEPS] [FEATURE_DIM]        (defaults 2000 and 2)
# Environment: PYTHON (default /tmp/torchenv/bin/python), LAB (default target/release/center-loss-lab)
set -eu
STEPS=${1:-2000}
K=${2:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-/tmp/torchenv/bin/python}
LAB=${LAB:-$HERE/../target/release/center-loss-lab}
CSV=/tmp/mnist.csv
[ -f "$CSV" ] || python3 "$HERE/mnist_csv.py" "$CSV"
ARGS="--dataset csv:$CSV --label-column first --scale unit --hidden 128,64 --feature-dim $K \
  --activation relu --optimizer sgd --lr 0.05 --sgd-momentum 0.9 --weight-decay 0.0005 \
  --lambda 0.1 --alpha 0.5 --update-rule paper --batch-size 128"
rate() { sed -n 's/.*"steps_per_sec": *\([0-9.]*\).*/\1/p' | cut -d. -f1; }
# shellcheck disable=SC2086
OURS=$("$LAB" bench $ARGS --steps "$STEPS" | rate)
# shellcheck disable=SC2086
THREAD=$("$LAB" bench $ARGS --steps "$STEPS" --thread | rate)
TORCH=$(OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$PYTHON" - "$STEPS" "$K" <<'PY'
import sys, time, torch
torch.set_num_threads(1)
torch.manual_seed(1)
steps, k = int(sys.argv[1]), int(sys.argv[2])
x = torch.rand(42000, 784)
y = torch.randint(0, 10, (42000,))
net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, k))
head = torch.nn.Linear(k, 10)
params = list(net.parameters()) + list(head.parameters())
opt = torch.optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=5e-4)
centers = torch.zeros(10, k)
lam, alpha = 0.1, 0.5
def step():
    idx = torch.randint(0, 42000, (128,))
    xb, yb = x[idx], y[idx]
    f = net(xb)
    loss = torch.nn.functional.cross_entropy(head(f), yb) + lam * 0.5 * ((f - centers[yb]) ** 2).sum(1).mean()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    with torch.no_grad():  # the paper's update: c_j -= α Σ(c_j − f_i) / (1 + n_j)
        diff = centers[yb] - f.detach()
        delta = torch.zeros_like(centers).index_add_(0, yb, diff)
        count = torch.bincount(yb, minlength=10).unsqueeze(1).float()
        centers.sub_(alpha * delta / (1 + count))
for _ in range(min(200, steps // 10)):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
print(int(steps / (time.perf_counter() - start)))
PY
)
echo "784-128-64-$K → 10, batch 128, one thread, $STEPS steps:"
echo "  center-loss-lab bench           $OURS steps/s"
echo "  center-loss-lab bench --thread  $THREAD steps/s (window's trainer thread, snapshots included)"
echo "  PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)') CPU loop   $TORCH steps/s"
