#@ starter
# Classify MNIST digits with a convolutional network.
# ctx.mnist holds 8,000 training digits: images [N, 1, 28, 28] in [0, 1] and labels [N] (the run's
# own names for the digits: a permutation of 0-9 drawn for each run, which only the training labels
# teach). Train a model and hand it to ctx.submit: the judge measures its accuracy on 2,000 held-out
# digits, each slightly turned, scaled and moved for the run (goal: test_accuracy >= 0.95).
#@ solution
# Reference solution: a small convolutional network trained with Adam.
#@ end
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset


class DigitNet(nn.Module):
    #@ solution
    # Two convolution blocks (convolution, batch norm, ReLU, max-pool) and a small classifier head.
    #@ end
    def __init__(self):
        super().__init__()
        #@ starter
        # TODO: replace this single linear layer with convolution blocks
        # (Conv2d, BatchNorm2d, ReLU, max-pooling) and a small classifier head.
        self.classifier = nn.Linear(28 * 28, 10)
        #@ solution
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10))
        #@ end

    def forward(self, x):
        #@ starter
        return self.classifier(x.flatten(1))
        #@ solution
        return self.head(self.features(x))
        #@ end


def run(ctx):
    train = TensorDataset(ctx.mnist.images, ctx.mnist.labels)
    batches = DataLoader(train, batch_size=ctx.batch_size, shuffle=True, generator=torch.Generator().manual_seed(ctx.seed))
    model = DigitNet().to(ctx.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=ctx.learning_rate)
    #@ solution
    step = 0
    #@ end

    for epoch in range(1, ctx.epochs + 1):
        model.train()
        #@ starter
        loss_sum = 0.0
        #@ solution
        loss_sum, correct, seen = 0.0, 0, 0
        #@ end
        for images, labels in batches:
            ctx.check_cancelled()
            images, labels = images.to(ctx.device), labels.to(ctx.device)
            #@ starter
            # TODO: compute the cross-entropy loss of the model's scores, back-propagate it and
            # take an optimizer step (remember to zero the gradients first).
            loss = F.cross_entropy(model(images), labels)
            #@ solution
            optimizer.zero_grad()
            scores = model(images)
            loss = F.cross_entropy(scores, labels)
            loss.backward()
            optimizer.step()
            #@ end
            loss_sum += loss.item() * len(labels)
            #@ solution
            correct += (scores.argmax(1) == labels).sum().item()
            seen += len(labels)
            step += 1
            if step % 25 == 0:
                ctx.report(step, loss=loss_sum / seen, train_accuracy=correct / seen)
            #@ end
        #@ starter
        ctx.report(epoch, loss=loss_sum / len(train))
        #@ solution
        print(f"epoch {epoch}: loss {loss_sum / seen:.4f}, train accuracy {correct / seen:.2%}")
        #@ end
    ctx.submit(model)
