#@ starter
# Classify sequences with a recurrent network: tell a word's language from its letters.
# ctx.words holds 14,000 words of seven languages: codes [N, 16] (one code per letter, 0 = padding
# after the word, float32; an embedding wants int64) and labels [N] (the language's index,
# in an order of the languages drawn for each run, which only these labels teach); also
# vocabulary_size, max_length, language_count and texts.
# Hand the trained model to ctx.submit: the judge shows it 3,500 held-out words as [N, 16] codes and
# expects [N, 7] scores (goal: test_accuracy).
#@ solution
# Reference solution: a GRU reads each word's letter embeddings left to right, and its state after
# the word's last letter (not after the padding that follows) feeds a linear classifier.
#@ end
import torch
from torch import nn
from torch.nn import functional as F
#@ solution
from torch.utils.data import DataLoader, TensorDataset
#@ end


class WordGru(nn.Module):
    def __init__(self, vocabulary_size, embedding_size, hidden_size, languages):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary_size, embedding_size, padding_idx=0)
        self.gru = nn.GRU(embedding_size, hidden_size, batch_first=True)
        self.classifier = nn.Linear(hidden_size, languages)

    # codes: [N, T] letter codes (0 = padding after the word) -> [N, languages] scores
    def forward(self, codes):
        letters = codes.long()
        states, _ = self.gru(self.embedding(letters))
        #@ starter
        # TODO: the last step has read the padding after shorter words; take each word's state
        # after its own last letter instead (its length is the number of non-zero codes).
        final = states[:, -1, :]
        #@ solution
        last = ((letters != 0).sum(1) - 1).clamp_min(0)
        final = states[torch.arange(len(states), device=states.device), last]
        #@ end
        return self.classifier(final)


def run(ctx):
    words = ctx.words
    model = WordGru(words.vocabulary_size, embedding_size=32, hidden_size=64, languages=words.language_count).to(ctx.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=ctx.learning_rate)
    #@ solution
    batches = DataLoader(TensorDataset(words.codes, words.labels), batch_size=ctx.batch_size, shuffle=True,
                         generator=torch.Generator().manual_seed(ctx.seed))
    #@ end

    for epoch in range(1, ctx.epochs + 1):
        #@ starter
        ctx.check_cancelled()
        #@ end
        model.train()
        #@ starter
        # TODO: iterate over shuffled mini-batches of ctx.batch_size words, and for each compute
        # the cross-entropy loss, back-propagate, clip the gradient norm and take an optimizer step.
        loss = F.cross_entropy(model(words.codes.to(ctx.device)), words.labels.to(ctx.device))
        ctx.report(epoch, loss=loss.item())
        #@ solution
        loss_sum, correct = 0.0, 0
        for codes, labels in batches:
            ctx.check_cancelled()
            codes, labels = codes.to(ctx.device), labels.to(ctx.device)
            optimizer.zero_grad()
            scores = model(codes)
            loss = F.cross_entropy(scores, labels)
            loss.backward()
            # Recurrent networks' gradients can spike; clipping keeps a large step from undoing training.
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            loss_sum += loss.item() * len(labels)
            correct += (scores.argmax(1) == labels).sum().item()
        ctx.report(epoch, loss=loss_sum / words.count, train_accuracy=correct / words.count)
        #@ end
    ctx.submit(model)
