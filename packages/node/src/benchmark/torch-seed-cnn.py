"""Peer benchmark for `glyph bench`: the seed CNN trained with PyTorch on the CPU.

Same network and protocol as the TensorFlow.js side: batch 128, Adam, random inputs; 3 warm-up
steps, then the mean of N steps. Prints one JSON object. Needs PyTorch (Debian: python3-torch).
Usage: python3 torch-seed-cnn.py [threads] [steps]
"""
import json
import sys
import time

import torch
import torch.nn as nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 15
torch.set_num_threads(threads)
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(128, 10))
optimizer = torch.optim.Adam(model.parameters())
x = torch.rand(128, 1, 28, 28)
y = torch.randint(0, 10, (128,))
loss_fn = nn.CrossEntropyLoss()


def step():
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()


for _ in range(3):
    step()
times = []
for _ in range(steps):
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
times.sort()
model.eval()
with torch.no_grad():
    one = torch.rand(1, 1, 28, 28)
    for _ in range(20):
        model(one)
    runs = 500
    start = time.perf_counter()
    for _ in range(runs):
        model(one)
    infer_ms = (time.perf_counter() - start) / runs * 1000
print(json.dumps({
    "peer": "pytorch-" + torch.__version__,
    "threads": threads,
    "trainSamplesPerSecond": round(128 / times[len(times) // 2], 1),
    "trainSamplesPerSecondMean": round(128 * len(times) / sum(times), 1),
    "inferenceMsSingle": round(infer_ms, 3),
}))
