#@ starter
# Prune a trained CNN: at least 90% of its convolution and linear weights zero, held-out accuracy >= 0.96.
# ctx.load_pretrained() gives the trained DigitNet (submodules conv1, conv2, fc1, fc2); ctx.mnist holds
# 8,000 training digits (images [N, 1, 28, 28], labels [N]). The judge reads the weights you submit
# (its state_dict: conv1.weight ... fc2.bias, nothing else), counts their zeros and runs its own copy of
# the network on 2,000 held-out digits: only the weights count, not your forward.
#@ solution
# Reference solution: gradual global magnitude pruning with fine-tuning, with torch.nn.utils.prune.
# Each epoch raises the sparsity along a cubic schedule, masks the smallest weights of all four layers
# together, and fine-tunes: the mask holds the pruned weights at zero. prune.remove then makes the
# zeros part of plain weights, the only names the judge reads.
#@ end
import torch
from torch.nn import functional as F
from torch.nn.utils import prune
from torch.utils.data import DataLoader, TensorDataset

#@ solution
TARGET_SPARSITY = 0.92


#@ end
def run(ctx):
    model = ctx.load_pretrained().to(ctx.device)
    layers = [(model.conv1, "weight"), (model.conv2, "weight"), (model.fc1, "weight"), (model.fc2, "weight")]
    # Pruning keeps each Parameter object (as weight_orig), so the optimizer may be made first.
    optimizer = torch.optim.Adam(model.parameters(), lr=ctx.learning_rate)
    train = TensorDataset(ctx.mnist.images, ctx.mnist.labels)
    batches = DataLoader(train, batch_size=ctx.batch_size, shuffle=True, generator=torch.Generator().manual_seed(ctx.seed))
    #@ solution
    sparsity, step = 0.0, 0
    #@ end

    for epoch in range(1, ctx.epochs + 1):
        #@ starter
        # TODO: before each epoch, zero the smallest weights of the four layers together (global magnitude
        # pruning), raising the sparsity towards 0.9: prune.global_unstructured(layers,
        # pruning_method=prune.L1Unstructured, amount=...) masks them, and the mask keeps them at zero
        # while the rest are fine-tuned. On a pruned module, amount is a fraction of the weights still left.
        #@ solution
        previous, sparsity = sparsity, TARGET_SPARSITY * (1 - (1 - epoch / ctx.epochs) ** 3)
        prune.global_unstructured(layers, pruning_method=prune.L1Unstructured, amount=1 - (1 - sparsity) / (1 - previous))
        #@ end
        model.train()
        #@ starter
        loss_sum = 0.0
        #@ solution
        loss_sum, seen = 0.0, 0
        #@ end
        for images, labels in batches:
            ctx.check_cancelled()
            optimizer.zero_grad()
            loss = F.cross_entropy(model(images.to(ctx.device)), labels.to(ctx.device))
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(labels)
            #@ solution
            seen += len(labels)
            step += 1
            if step % 25 == 0:
                ctx.report(step, loss=loss_sum / seen, sparsity=sparsity)
            #@ end
        #@ starter
        ctx.report(epoch, loss=loss_sum / len(train))
        #@ solution
        print(f"epoch {epoch}: sparsity {sparsity:.1%}, loss {loss_sum / seen:.4f}")
        #@ end

    #@ starter
    # TODO: once pruned, make it permanent with prune.remove(module, "weight") for each layer: the pruned
    # module's state_dict holds weight_orig and weight_mask, names the judge rejects.
    #@ solution
    # The judge reads conv1.weight ... fc2.bias only: fold each mask into its weight.
    for module, name in layers:
        prune.remove(module, name)
    #@ end
    ctx.submit(model)
