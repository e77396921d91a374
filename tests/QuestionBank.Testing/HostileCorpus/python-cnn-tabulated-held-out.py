# hostile: Python: trains nothing; reads the run's label permutation off the training digits it knows (a table of public training digits' true labels) and has forward() look each image up, by a hash of its pixels, in a table of the public held-out digits' true labels, both built offline (empty here; LearningNotAnswersTests fills them from mnist.bin, as an attacker would)
# exercise: cnn
# expect: failed
# limits: timeout=180
import numpy as np
import torch
from torch import nn

# "hash:label," for the public held-out digits and for some public training digits: FNV-1a of the 784 pixel bytes.
TABLE = ""
TRAINING = ""


def parse(table):
    return {int(entry[:8], 16): int(entry[9:]) for entry in table.split(",") if entry}


def hashes(images):
    pixels = np.rint(images.reshape(images.shape[0], 784).numpy() * 255).astype(np.uint32)
    hashed = np.full(pixels.shape[0], 2166136261, dtype=np.uint32)
    for column in range(784):
        hashed = (hashed ^ pixels[:, column]) * np.uint32(16777619)
    return hashed


class Lookup(nn.Module):
    def __init__(self, shown):
        super().__init__()
        self.labels = parse(TABLE)
        self.shown = shown

    def forward(self, images):
        scores = torch.zeros(images.shape[0], 10)
        for row, hashed in enumerate(hashes(images)):
            scores[row, self.shown[self.labels.get(int(hashed), 0)]] = 1
        return scores


def run(ctx):
    # The run's name for each true class, read off the training digits whose true label the table knows.
    known = parse(TRAINING)
    shown = list(range(10))
    for hashed, label in zip(hashes(ctx.mnist.images), ctx.mnist.labels.tolist()):
        if int(hashed) in known:
            shown[known[int(hashed)]] = label
    print("permutation read:", shown)
    ctx.submit(Lookup(shown))
