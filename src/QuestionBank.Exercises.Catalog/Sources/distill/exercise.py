#@ starter
# Knowledge distillation: a student with at most a tenth of the teacher's parameters. ctx.load_pretrained()
# gives the teacher, a trained DigitNet; ctx.mnist holds only 1,000 labelled training digits (images
# [N, 1, 28, 28], labels [N]) and ctx.unlabelled_images 7,000 more without labels. ctx.digit_net(...)
# makes a network of the family the judge reads (two convolutions, two linear layers, any widths). The
# judge counts the parameters of the student you submit from its weights (its state_dict: conv1.weight
# ... fc2.bias) and runs its own copy of it on 2,000 held-out digits.
#@ solution
# Reference solution: knowledge distillation (Hinton et al., 2015) with a transfer set. The teacher
# labels every training image with its class probabilities softened by a temperature; the student
# learns from those on all images, and from the true labels where it has them.
#@ end
import torch
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

TEMPERATURE = 4.0
SOFT_WEIGHT = 0.7


def run(ctx):
    # The labelled digits, then the unlabelled ones (label -1: unknown).
    images = torch.cat([ctx.mnist.images, ctx.unlabelled_images])
    labels = torch.cat([ctx.mnist.labels, torch.full((len(ctx.unlabelled_images),), -1, dtype=torch.long)])
    train = TensorDataset(images, teacher_scores(ctx, images), labels)
    batches = DataLoader(train, batch_size=ctx.batch_size, shuffle=True, generator=torch.Generator().manual_seed(ctx.seed))
    # About an eleventh of the teacher's 215,370 parameters.
    model = ctx.digit_net(conv1_channels=8, conv2_channels=16, hidden=24, kernel1=3, kernel2=3).to(ctx.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=ctx.learning_rate)
    step = 0

    for epoch in range(1, ctx.epochs + 1):
        model.train()
        loss_sum, seen = 0.0, 0
        for batch_images, batch_teacher, batch_labels in batches:
            ctx.check_cancelled()
            optimizer.zero_grad()
            scores = model(batch_images.to(ctx.device))
            loss = distillation_loss(scores, batch_teacher.to(ctx.device), batch_labels.to(ctx.device))
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(batch_labels)
            seen += len(batch_labels)
            step += 1
            if step % 25 == 0:
                ctx.report(step, loss=loss_sum / seen)
        print(f"epoch {epoch}: loss {loss_sum / seen:.4f}")
    ctx.submit(model)


#@ solution
# The cross-entropy between the teacher's and the student's softened distributions (scaled by T^2 so its
# gradients keep their size as T changes), mixed with the loss on the known labels.
#@ end
def distillation_loss(scores, teacher_scores, labels):
    #@ starter
    # TODO: the labels teach only on the 1,000 labelled digits. Add the soft-target term for every
    # image: the cross-entropy between the teacher's and the student's class probabilities, both
    # softened by TEMPERATURE (softmax of scores / T), times T^2; weigh it by SOFT_WEIGHT and the
    # label loss by 1 - SOFT_WEIGHT.
    return label_loss(scores, labels)
    #@ solution
    # F.cross_entropy takes class probabilities as its target too.
    soft_targets = F.softmax(teacher_scores / TEMPERATURE, dim=1)
    soft = F.cross_entropy(scores / TEMPERATURE, soft_targets) * TEMPERATURE ** 2
    return SOFT_WEIGHT * soft + (1 - SOFT_WEIGHT) * label_loss(scores, labels)
    #@ end


def label_loss(scores, labels):
    """The mean cross-entropy over the digits whose label is known (0 when none is)."""
    known = max(1, int((labels >= 0).sum()))
    return F.cross_entropy(scores, labels, ignore_index=-1, reduction="sum") / known


@torch.no_grad()
def teacher_scores(ctx, images):
    """The teacher's class scores for `images`, computed once."""
    teacher = ctx.load_pretrained().to(ctx.device).eval()
    return torch.cat([teacher(chunk.to(ctx.device)).cpu() for chunk in images.split(500)])
