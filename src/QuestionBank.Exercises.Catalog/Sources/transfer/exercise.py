#@ starter
# Transfer learning: classify the digits 5–9 from only 50 labelled images of each.
# ctx.transfer holds images [250, 1, 28, 28] in [0, 1], labels [250] (0–4 stand for the digits 5–9)
# and load_backbone(): a CNN pretrained on the digits 0–4, with its features ([N, 1, 28, 28] to
# [N, 3136], ctx.transfer.feature_size) and a head for 0–4; create_features() makes fresh, untrained
# features of the same shape. Submit a model that maps [N, 1, 28, 28] images to [N, 5] scores:
# the judge measures its accuracy on 2,000 digits 5–9 it draws for the run, each slightly turned,
# scaled, moved and noised (goal: test_accuracy ≥ 0.84).
# As written it trains the same network from scratch: in the budget of 2 epochs it reaches about 0.79.
#@ solution
# Reference solution: the backbone's pretrained convolutional features under a new linear head for
# the digits 5–9, all fine-tuned. Starting from features that already tell strokes apart, the 20
# steps the budget allows reach the goal on the judge's distorted digits; from scratch about 0.79.
#@ end
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset


#@ starter
# Features and a head: [N, 1, 28, 28] images to [N, 5] scores of the digits 5–9.
#@ solution
# The backbone's features and a new head: [N, 1, 28, 28] images to [N, 5] scores of the digits 5–9.
#@ end
class FiveToNine(nn.Module):
    def __init__(self, features, head):
        super().__init__()
        self.features = features
        self.head = head

    def forward(self, x):
        return self.head(self.features(x))


def run(ctx):
    data = ctx.transfer
    #@ starter
    # TODO: start from the pretrained features, ctx.transfer.load_backbone().features, instead of
    # new ones, under the new head, and fine-tune them (or freeze them: requires_grad_(False)).
    model = FiveToNine(data.create_features(), nn.Linear(data.feature_size, 5)).to(ctx.device)
    #@ solution
    model = FiveToNine(data.load_backbone().features, nn.Linear(data.feature_size, 5)).to(ctx.device)
    #@ end
    optimizer = torch.optim.Adam(model.parameters(), lr=ctx.learning_rate)
    batches = DataLoader(TensorDataset(data.images, data.labels), batch_size=ctx.batch_size, shuffle=True,
                         generator=torch.Generator().manual_seed(ctx.seed))
    step = 0

    for epoch in range(1, ctx.epochs + 1):
        model.train()
        loss_sum, correct, seen = 0.0, 0, 0
        for images, labels in batches:
            ctx.check_cancelled()
            images, labels = images.to(ctx.device), labels.to(ctx.device)
            optimizer.zero_grad()
            scores = model(images)
            loss = F.cross_entropy(scores, labels)
            loss.backward()
            optimizer.step()

            loss_sum += loss.item() * len(labels)
            correct += (scores.argmax(1) == labels).sum().item()
            seen += len(labels)
            step += 1
            ctx.report(step, loss=loss_sum / seen, train_accuracy=correct / seen)
        print(f"epoch {epoch}: loss {loss_sum / seen:.4f}, train accuracy {correct / seen:.2%}")
    ctx.submit(model)
